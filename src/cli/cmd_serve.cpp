// Command: serve — the portal (and later the staff workspace and JSON API) over HTTP.
#include <cstdio>

#include "cli/context.h"
#include "http/http.h"
#include "web/portal.h"

namespace gongkai::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string root_body;
  int workers = 4;
  bool quiet = false;
};

int cmd_serve(GlobalOptions& g, const ServeArgs& args) {
  const size_t colon = args.listen.rfind(':');
  if (colon == std::string::npos) return fail(Status::invalid("--listen must be HOST:PORT, not '" + args.listen + "'"));
  const std::string host = args.listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(args.listen.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) return fail(Status::invalid("bad port in --listen '" + args.listen + "'"));

  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  web::PortalOptions portal_options;
  portal_options.root_body_code = args.root_body;
  Result<std::unique_ptr<web::Portal>> portal = web::Portal::create(**inst, portal_options);
  if (!portal) return fail(portal.status());

  http::Router router;
  (*portal)->register_routes(router);
  http::ServerOptions options;
  options.host = host;
  options.port = static_cast<uint16_t>(port);
  options.worker_threads = args.workers;
  options.access_log = !args.quiet;
  http::Server server(options, std::move(router));
  if (Status s = server.start(); !s) return fail(s);
  std::fprintf(stderr, "gongkai: serving %s on http://%s:%u/ (Ctrl-C to stop)\n", (*inst)->db().describe().c_str(),
               host.c_str(), server.port());
  server.run_until_signal();
  std::fprintf(stderr, "gongkai: stopped\n");
  return kExitOk;
}

}  // namespace

void register_serve_command(CLI::App& app, GlobalOptions& g, Action& chosen) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "serve the portal over HTTP");
  serve->add_option("--listen", args->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--root-body", args->root_body, "the site's own body code (default: the top government body)");
  serve->add_option("--workers", args->workers, "handler threads")->check(CLI::Range(1, 256));
  serve->add_flag("--quiet", args->quiet, "no access log");
  serve->callback([&, args] { chosen = [&, args] { return cmd_serve(g, *args); }; });
}

}  // namespace gongkai::cli
