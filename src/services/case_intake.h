// The public side of disclosure on application: an online application from the web form (条例 Art. 29, 31（三）),
// and the tracking answer for a holder of the application number and the query code. The staff side is
// services/case_work.
//
// Thread safety: free functions; each call opens its own connection and transaction.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application_form.h"
#include "services/application_files.h"
#include "services/applications.h"
#include "services/installation.h"

namespace gongkai::services {

// The request text stored for a form: the description, and the 文号 on its own line when given.
std::string request_text(const domain::ApplicationForm& form);

// Registers the online application `form` (stage submitted: received only when staff confirm, Art. 31（三）) with
// its `files` and returns its number and query code once the transaction has COMMITTED — the caller may
// acknowledge it. The files are written to the content store first and recorded in the same transaction as the
// case (services/application_files; staff see them, the public never). kInvalid with the first field problem
// when check_application_form finds one or the body is unknown ("attachments: …" when a file is refused).
Result<Registered> submit_online_application(Installation& inst, const domain::ApplicationForm& form,
                                             const std::vector<ApplicationFile>& files = {});

// What the tracking page shows: the status only, never the applicant's data.
struct TrackedCase {
  std::string number;
  std::string body_name;
  std::string stage;        // domain/case_state stage code
  std::string stage_label;  // "办理中"
  std::optional<std::string> received_date, due_date, replied_date;
  std::optional<std::string> outcome_label;  // once replied: the table 三 row label
};

// The case `number` when `query_code` is its code; nullopt for a wrong code AND for an unknown number (the same
// answer, and the same work: a hash and a constant-time compare either way), so numbers cannot be enumerated.
Result<std::optional<TrackedCase>> track_application(Installation& inst, const std::string& number,
                                                     const std::string& query_code);

}  // namespace gongkai::services
