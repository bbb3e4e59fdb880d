// Commands: user add / passwd / disable / grant / revoke / list, audit verify / export. The operator at the
// command line acts as "cli:<os user>" in the audit log (services/accounts.h, Actor).
#include <pwd.h>
#include <sodium.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/context.h"
#include "cli/operator.h"
#include "domain/password_policy.h"
#include "io/csv.h"
#include "services/accounts.h"
#include "services/audit.h"

namespace gongkai::cli {

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  return "uid" + std::to_string(geteuid());
}

namespace {

using nlohmann::json;

struct UserArgs {
  std::string login, name, body, role;
  bool password_stdin = false;
};

// The first line of standard input without its line end; kInvalid if there is none.
Result<std::string> read_password_line() {
  std::string line;
  if (!std::getline(std::cin, line))
    return Status::invalid("--password-stdin: no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return Status::invalid("--password-stdin: the password line is empty");
  return line;
}

// The password to set: read from stdin, or generated (then `generated` is true and the caller shows it once).
Result<std::string> password_for(const UserArgs& args, bool* generated /* OUT */) {
  *generated = !args.password_stdin;
  if (args.password_stdin) return read_password_line();
  return services::generate_password(domain::normalize_login(args.login));
}

struct Opened {
  std::unique_ptr<services::Installation> inst;
  std::unique_ptr<store::Connection> conn;
};

Result<Opened> open(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return inst.status();
  Result<std::unique_ptr<store::Connection>> conn = (*inst)->connect();
  if (!conn) return conn.status();
  return Opened{std::move(*inst), std::move(*conn)};
}

int cmd_user_add(GlobalOptions& g, const UserArgs& args) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  bool generated = false;
  Result<std::string> password = password_for(args, &generated);
  if (!password) return fail(password.status());
  services::Accounts accounts;
  services::NewUserSpec spec{args.login, args.name, args.body, args.role, *password};
  Result<int64_t> id = accounts.create_user(*opened->conn, services::Actor::command_line(os_user()), spec);
  if (!id) return fail(id.status());
  const std::string login = domain::normalize_login(args.login);
  if (g.json) {
    json out{{"id", *id}, {"login", login}, {"body", args.body}, {"role", args.role}};
    if (generated) out["password"] = *password;
    std::cout << out.dump() << "\n";
  } else if (generated) {
    std::printf("added user %s (%s) with role %s on %s\ninitial password (shown only now): %s\n",
                login.c_str(), args.name.c_str(), args.role.c_str(), args.body.c_str(), password->c_str());
  } else {
    std::printf("added user %s (%s) with role %s on %s\n", login.c_str(), args.name.c_str(),
                args.role.c_str(), args.body.c_str());
  }
  sodium_memzero(password->data(), password->size());
  return kExitOk;
}

int cmd_user_passwd(GlobalOptions& g, const UserArgs& args) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  bool generated = false;
  Result<std::string> password = password_for(args, &generated);
  if (!password) return fail(password.status());
  services::Accounts accounts;
  Status s =
      accounts.set_password(*opened->conn, services::Actor::command_line(os_user()), args.login, *password);
  if (!s) return fail(s);
  const std::string login = domain::normalize_login(args.login);
  if (g.json) {
    json out{{"login", login}};
    if (generated) out["password"] = *password;
    std::cout << out.dump() << "\n";
  } else if (generated) {
    std::printf("new password for %s (shown only now; all its sessions ended): %s\n", login.c_str(),
                password->c_str());
  } else {
    std::printf("password of %s changed; all its sessions ended\n", login.c_str());
  }
  sodium_memzero(password->data(), password->size());
  return kExitOk;
}

int cmd_user_disable(GlobalOptions& g, const std::string& login) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  services::Accounts accounts;
  if (Status s = accounts.disable_user(*opened->conn, services::Actor::command_line(os_user()), login); !s) {
    return fail(s);
  }
  if (g.json) {
    std::cout << json{{"login", domain::normalize_login(login)}, {"disabled", true}}.dump() << "\n";
  } else {
    std::printf("user %s disabled; all its sessions ended\n", domain::normalize_login(login).c_str());
  }
  return kExitOk;
}

int cmd_user_grant(GlobalOptions& g, const UserArgs& args, bool grant) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  services::Accounts accounts;
  const services::Actor actor = services::Actor::command_line(os_user());
  Status s = grant ? accounts.grant_role(*opened->conn, actor, args.login, args.role, args.body)
                   : accounts.revoke_role(*opened->conn, actor, args.login, args.role, args.body);
  if (!s) return fail(s);
  const std::string login = domain::normalize_login(args.login);
  if (g.json) {
    std::cout << json{{"login", login}, {"role", args.role}, {"body", args.body}, {"granted", grant}}.dump()
              << "\n";
  } else {
    std::printf("%s %s: %s on %s\n", grant ? "granted" : "revoked", login.c_str(), args.role.c_str(),
                args.body.c_str());
  }
  return kExitOk;
}

int cmd_user_list(GlobalOptions& g) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  services::Accounts accounts;
  Result<std::vector<services::UserListing>> users = accounts.list_users(*opened->conn);
  if (!users) return fail(users.status());
  if (g.json) {
    json out = json::array();
    for (const services::UserListing& u : *users) {
      json roles = json::array();
      for (const auto& [role, body] : u.grants) roles.push_back({{"role", role}, {"body", body}});
      out.push_back({{"id", u.id},
                     {"login", u.login},
                     {"name", u.display_name},
                     {"body", u.body_code},
                     {"active", u.active},
                     {"created_at", u.created_at},
                     {"disabled_at", u.disabled_at ? json(*u.disabled_at) : json(nullptr)},
                     {"last_login_at", u.last_login_at ? json(*u.last_login_at) : json(nullptr)},
                     {"roles", roles}});
    }
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  if (users->empty()) {
    std::printf("no users yet: add one with `gongkai user add --login L --name N --body CODE --role ROLE`\n");
    return kExitOk;
  }
  for (const services::UserListing& u : *users) {
    std::string roles;
    for (const auto& [role, body] : u.grants) roles += (roles.empty() ? "" : ", ") + role + "@" + body;
    std::printf("%-24s %-9s %-16s %-40s %s\n", u.login.c_str(), u.active ? "active" : "disabled",
                u.body_code.c_str(), roles.c_str(), u.display_name.c_str());
  }
  return kExitOk;
}

int cmd_audit_verify(GlobalOptions& g) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  Result<services::AuditVerifyReport> report = services::verify_audit(*opened->conn);
  if (!report) return fail(report.status());
  if (g.json) {
    json out{{"intact", report->intact}, {"entries", report->entries}};
    if (report->intact) {
      out["head_hash"] = report->head_hash;
    } else {
      out["first_bad_id"] = report->first_bad_id;
      out["problem"] = report->problem;
    }
    std::cout << out.dump() << "\n";
  } else if (report->intact) {
    std::printf("audit log intact: %lld entries, head %s\n", static_cast<long long>(report->entries),
                report->head_hash.empty() ? "(empty)" : report->head_hash.c_str());
  }
  if (report->intact) return kExitOk;
  std::fprintf(stderr, "gongkai: audit log tampered: %s\n", report->problem.c_str());
  return kExitProblems;
}

// A CSV cell that a spreadsheet will not run as a formula: text starting with = + - @ or a tab/CR gets a
// leading apostrophe (docs/security.md).
std::string spreadsheet_safe(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    text.insert(text.begin(), '\'');
  }
  return text;
}

int cmd_audit_export(GlobalOptions& g) {
  Result<Opened> opened = open(g);
  if (!opened) return fail(opened.status());
  if (!g.json) {
    std::cout << io::format_csv_line({"id", "at", "actor_user_id", "actor_label", "remote_addr", "action",
                                      "entity_type", "entity_id", "body_id", "before_json", "after_json",
                                      "prev_hash", "hash"});
  }
  auto opt_int = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  Status s = services::export_audit(*opened->conn, [&](const store::AuditRow& row) -> Status {
    if (g.json) {
      std::cout << services::audit_row_to_json(row).dump() << "\n";
    } else {
      std::cout << io::format_csv_line(
          {std::to_string(row.id), row.at, opt_int(row.actor_user_id), spreadsheet_safe(row.actor_label),
           row.remote_addr.value_or(""), spreadsheet_safe(row.action), spreadsheet_safe(row.entity_type),
           spreadsheet_safe(row.entity_id.value_or("")), opt_int(row.body_id),
           spreadsheet_safe(row.before_json.value_or("")), spreadsheet_safe(row.after_json.value_or("")),
           row.prev_hash, row.hash});
    }
    if (!std::cout) return Status::io("cannot write to standard output");
    return Status::ok();
  });
  if (!s) return fail(s);
  std::cout.flush();
  return kExitOk;
}

// Adds --login, --role and --body to a grant/revoke subcommand.
void add_grant_options(CLI::App* cmd, UserArgs& args) {
  cmd->add_option("--login", args.login, "login name")->required();
  cmd->add_option("--role", args.role, "role code (see docs/security.md)")->required();
  cmd->add_option("--body", args.body, "code of the body the role applies to (and the bodies below it)")
      ->required();
}

}  // namespace

void register_user_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  CLI::App* user = app.add_subcommand("user", "staff accounts: add, passwd, disable, grant, revoke, list");
  user->require_subcommand(1);

  auto add_args = std::make_shared<UserArgs>();
  CLI::App* add = user->add_subcommand("add", "add a staff account with one role on its body");
  add->add_option("--login", add_args->login, "login name (a-z 0-9 . _ - @; stored in lower case)")
      ->required();
  add->add_option("--name", add_args->name, "the person's name, e.g. 王芳")->required();
  add->add_option("--body", add_args->body, "code of the body the person works for")->required();
  add->add_option("--role", add_args->role, "role granted on that body (see docs/security.md)")->required();
  add->add_flag("--password-stdin", add_args->password_stdin,
                "read the password from the first line of standard input (default: generate and print one)");
  add->callback([&, add_args] { chosen = [&, add_args] { return cmd_user_add(g, *add_args); }; });

  auto passwd_args = std::make_shared<UserArgs>();
  CLI::App* passwd = user->add_subcommand("passwd", "set a new password (ends all of the user's sessions)");
  passwd->add_option("--login", passwd_args->login, "login name")->required();
  passwd->add_flag(
      "--password-stdin", passwd_args->password_stdin,
      "read the password from the first line of standard input (default: generate and print one)");
  passwd->callback(
      [&, passwd_args] { chosen = [&, passwd_args] { return cmd_user_passwd(g, *passwd_args); }; });

  auto disable_login = std::make_shared<std::string>();
  CLI::App* disable =
      user->add_subcommand("disable", "disable an account (ends its sessions; kept for the record)");
  disable->add_option("--login", *disable_login, "login name")->required();
  disable->callback(
      [&, disable_login] { chosen = [&, disable_login] { return cmd_user_disable(g, *disable_login); }; });

  auto grant_args = std::make_shared<UserArgs>();
  CLI::App* grant = user->add_subcommand("grant", "grant a role on a body");
  add_grant_options(grant, *grant_args);
  grant->callback(
      [&, grant_args] { chosen = [&, grant_args] { return cmd_user_grant(g, *grant_args, true); }; });

  auto revoke_args = std::make_shared<UserArgs>();
  CLI::App* revoke = user->add_subcommand("revoke", "revoke a role on a body");
  add_grant_options(revoke, *revoke_args);
  revoke->callback(
      [&, revoke_args] { chosen = [&, revoke_args] { return cmd_user_grant(g, *revoke_args, false); }; });

  user->add_subcommand("list", "list accounts with their roles")->callback([&] {
    chosen = [&] { return cmd_user_list(g); };
  });

  CLI::App* audit = app.add_subcommand("audit", "the audit log: verify the hash chain, export it");
  audit->require_subcommand(1);
  audit
      ->add_subcommand("verify",
                       "check the hash chain (exit 1 naming the first bad entry if it was tampered with)")
      ->callback([&] { chosen = [&] { return cmd_audit_verify(g); }; });
  audit->add_subcommand("export", "write every entry to stdout: CSV, or JSON Lines with --json")
      ->callback([&] { chosen = [&] { return cmd_audit_export(g); }; });
}

}  // namespace gongkai::cli
