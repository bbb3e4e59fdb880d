// The dashboard's panel of disclosure on application: the signed-in user's part of the daily digest
// (services/case_digest) — red and yellow open cases per unit, yesterday's arrivals and answers.
#pragma once

#include <string>

namespace gongkai::services {
struct User;
}
namespace gongkai::store {
class Connection;
}

namespace gongkai::web {

// The panel's HTML (escaped by the template) for `user`, or "" when the user handles and supervises no cases
// or the digest cannot be read (the dashboard then shows the rest; the failure is logged).
std::string case_digest_panel(store::Connection& conn, const services::User& user);

}  // namespace gongkai::web
