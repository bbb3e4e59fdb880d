// `gongkai stats`: a body's activity figures for a calendar year, with the keys of spec/contracts.md.
//
// Scope: a body of type government speaks for its administrative area, as in section 一 of its annual report
// (the seed county's 45543 items are county-wide), so its figures include every body below it by default;
// other bodies count their own records unless include_children is set. own_only restricts any body to itself.
//
// Definitions (keys this version records; keys of capabilities not built yet are absent, never 0):
//   items_total            published items with publish_date in the year (withdrawn ones included: they were
//                          published); each item counts once however many channels carry it
//   items_<channel>        of those, the items carried on portal / disclosure_site / weibo / wechat
//   exec_meeting_releases  kind exec_meeting; consultations: kind consultation; surveys: kind survey
//   key_area_items, emergency_items   items flagged key-area / emergency
//   documents_published    government documents: kinds document and normative
//   normative_issued       kind normative
//   normative_with_media_interpretation  of those, the ones with a published interpretation linked to them whose
//                          forms are "图文 + 音频或视频" (text or graphic, plus audio or video; seed 一（四）)
//   npc_suggestions, cppcc_proposals  kinds npc_result, cppcc_result (handling results published)
//   press_conferences, online_interviews  kinds press_conference, interview
//   cleanup_*              decisions of clean-up campaigns decided in the year (valid / amended / repealed)
//   normative_filed        normative documents of the year with a filing (备案) record (migration 011)
//   consultation_feedbacks consultations of the year whose feedback (反馈意见) has been published
//   applications_received  disclosure-on-application cases whose receipt date (条例 Art. 31) is in the year;
//                          applications_online / _in_person / _mail: of those, by channel (fax and other are in
//                          the total only). A government's scope is area-wide like the other figures; the
//                          county government's own table 三 is --own-only together with its office (seed-figures.md)
//   newmedia_accounts_departments / _townships  new-media accounts of departments / townships open on any day
//                          of the year (opened before its end, not closed before its start); newmedia_departments /
//                          _townships: the distinct bodies running them (store/monitoring.h)
//   rectification_circulars  circulars (整改通报) issued in the year to bodies in scope
#pragma once

#include <map>
#include <string>

#include "services/installation.h"

namespace gongkai::services {

struct StatsQuery {
  std::string body_code;
  int year = 0;
  bool include_children = false;
  bool own_only = false;
};

// kInvalid for an unknown body or a year outside 1990-2199.
Result<std::map<std::string, int64_t>> yearly_stats(Installation& inst, const StatsQuery& query);

}  // namespace gongkai::services
