# Writes N realistic information items as JSON Lines (spec/contracts.md, item import) for the import benchmark:
#   awk -v n=100000 -v seed=42 -f bench/gen_items.awk > items.jsonl
# Bodies are those bench/run.sh creates (bench-county, bench-office, bench-d01..12, bench-t01..08); dates span
# 2019-2024; kinds, channels and content lengths follow the mix of a county portal (mostly news, some notices and
# documents, a few normative documents with validity); content is 4-16 sentences of Chinese prose in <p> tags.
# Deterministic for a given seed. Index numbers are left to gongkai, as in a real first import.
BEGIN {
  if (n == "") n = 100000
  if (seed == "") seed = 42
  srand(seed)
  nb = split("bench-county bench-office bench-d01 bench-d02 bench-d03 bench-d04 bench-d05 bench-d06 bench-d07 " \
             "bench-d08 bench-d09 bench-d10 bench-d11 bench-d12 bench-t01 bench-t02 bench-t03 bench-t04 " \
             "bench-t05 bench-t06 bench-t07 bench-t08", body, " ")
  split("县人民政府 县政府办公室 县发展和改革局 县教育局 县公安局 县民政局 县财政局 县人力资源和社会保障局 " \
        "县自然资源局 县生态环境局 县住房和城乡建设局 县交通运输局 县农业农村局 县卫生健康委员会 城关镇 " \
        "东山镇 西河镇 南岭乡 北坪乡 青石镇 白沙镇 红岩乡", owner, " ")
  nt = split("春季农业生产 安全生产大检查 城乡居民医疗保险参保 义务教育招生 防汛抗旱 森林防火 扶贫项目资金 " \
             "营商环境优化 老旧小区改造 乡村振兴 农村人居环境整治 就业创业补贴 养老服务体系建设 " \
             "交通安全隐患排查 食品安全监督抽检 耕地保护 生态环境保护督察整改 疫情防控 政务公开 " \
             "12345热线办理 残疾人两项补贴 低保对象动态管理 高标准农田建设 河长制 招商引资", topic, " ")
  nv = split("召开 部署 推进 开展 印发 组织 完成 启动 落实 督查", verb, " ")
  ns = split("会议强调，要提高政治站位，切实增强做好此项工作的责任感和紧迫感。|" \
             "各乡镇、各部门要结合实际，细化工作措施，明确责任分工，确保各项任务落到实处。|" \
             "截至目前，全县已累计完成年度目标任务的百分之八十以上，工作成效明显。|" \
             "下一步，将进一步加大督促检查力度，对工作推进不力的单位予以通报。|" \
             "此次活动共发放宣传资料两千余份，接受群众咨询三百余人次。|" \
             "县政府有关负责同志出席会议并讲话，相关部门主要负责人参加会议。|" \
             "要坚持问题导向，聚焦群众反映强烈的突出问题，建立台账，逐项销号。|" \
             "各单位要于每月五日前报送上月工作进展情况，逾期未报的予以通报。|" \
             "本通知自印发之日起施行，由县有关主管部门负责解释。|" \
             "联系人：办公室，联系电话：0000-12345678。|" \
             "会议指出，今年以来各项工作总体平稳，但仍存在一些短板和不足。|" \
             "通过线上线下相结合的方式，广泛征求社会公众意见建议。", sentence, "|")
  nk = split("news news news news news news news news news news news news notice notice notice document " \
             "document interpretation normative consultation", kind, " ")
  split("工作动态 通知公告 政府信息公开/法定主动公开内容/政策文件 政府信息公开/法定主动公开内容/政策解读 " \
        "互动交流/意见征集", column, " ")
  column_of["news"] = column[1]; column_of["notice"] = column[2]; column_of["document"] = column[3]
  column_of["normative"] = column[3]; column_of["interpretation"] = column[4]; column_of["consultation"] = column[5]
  title_of["news"] = "工作"; title_of["notice"] = "通知"; title_of["document"] = "实施方案"
  title_of["normative"] = "管理办法"; title_of["interpretation"] = "政策解读"; title_of["consultation"] = "意见征集"
  doc_no = 0

  for (i = 1; i <= n; i++) {
    b = 1 + int(rand() * nb)
    k = kind[1 + int(rand() * nk)]
    t = topic[1 + int(rand() * nt)]
    year = 2019 + int(rand() * 6)
    date = sprintf("%d-%02d-%02d", year, 1 + int(rand() * 12), 1 + int(rand() * 28))
    if (k == "news") title = owner[b] verb[1 + int(rand() * nv)] t title_of[k]
    else title = owner[b] "关于" t "的" title_of[k]

    content = ""
    sentences = 4 + int(rand() * 13)
    for (s = 1; s <= sentences; s++) {
      if (s % 4 == 1) content = content "<p>"
      content = content sentence[1 + int(rand() * ns)]
      if (s % 4 == 0 || s == sentences) content = content "</p>"
    }

    channels = "\"portal\""
    if (rand() < 0.15) channels = channels ",\"disclosure_site\""
    if (rand() < 0.05) channels = channels ",\"weibo\""
    if (rand() < 0.08) channels = channels ",\"wechat\""

    extra = ""
    if (k == "document" || k == "normative") {
      doc_no++
      extra = sprintf(",\"doc_number\":\"示政发〔%d〕%d号\",\"written_date\":\"%s\",\"subject\":\"综合政务\"", year,
                      doc_no, date)
    }
    if (k == "normative") extra = extra ",\"validity\":\"有效\""
    if (rand() < 0.02) extra = extra ",\"key_area\":true"

    printf("{\"title\":\"%s\",\"body\":\"%s\",\"publish_date\":\"%s\",\"kind\":\"%s\",\"column\":\"%s\"," \
           "\"channels\":[%s]%s,\"content\":\"%s\"}\n", title, body[b], date, k, column_of[k], channels, extra,
           content)
  }
}
