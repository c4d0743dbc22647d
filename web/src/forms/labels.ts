/**
 * The words people read beside each field, by kind and field path (`branch.name`; items without
 * their index). Common fields are named once; a kind names only what differs. A unit test checks
 * that every field of every form in the catalogue has a label here.
 */
export interface FieldText {
  label: string;
  hint?: string;
}

const COMMON: Record<string, FieldText> = {
  id: { label: '编号' },
  ministerId: { label: '组织部长', hint: '记录所属的组织部长（部长本人及其工作人员填报时固定为本人）' },
  date: { label: '日期' },
  status: { label: '状态' },
  branch: { label: '党组织' },
  'branch.countyCode': { label: '所在县（市、区）' },
  'branch.type': { label: '类型' },
  'branch.name': { label: '党组织名称', hint: '如：城东区东关大街社区党委' },
  regionCode: { label: '适用范围', hint: '省、市州或县（市、区）' },
};

const BY_KIND: Record<string, Record<string, FieldText>> = {
  visit: {
    date: { label: '走访日期' },
    branch: { label: '走访的党组织' },
    sessions: { label: '参加的组织生活', hint: '至少选一项，或填写座谈会场次' },
    symposiums: { label: '召开座谈会（场）' },
    participants: { label: '党员参加（人次）' },
    suggestions: { label: '收集的意见建议' },
    'suggestions.text': { label: '意见建议内容' },
    'suggestions.channel': { label: '收集方式' },
    'suggestions.status': { label: '办理情况' },
    'suggestions.response': { label: '答复或解决情况' },
    notes: { label: '备注' },
  },
  problem: {
    branch: { label: '问题所在党组织' },
    description: { label: '问题描述' },
    category: { label: '问题类别' },
    foundBy: { label: '问题来源' },
    'foundBy.source': { label: '发现途径' },
    'foundBy.id': { label: '来源记录编号', hint: '走访记录或督查记录的编号（来源为“其他”时不填）' },
    'foundBy.findingId': { label: '督查发现编号', hint: '仅来源为督查督导时填写' },
    foundOn: { label: '发现日期' },
    responsible: { label: '整改责任' },
    'responsible.unit': { label: '责任单位' },
    'responsible.person': { label: '责任人' },
    deadline: { label: '整改时限' },
    evidence: { label: '整改情况', hint: '整改完成时必填' },
    rectifiedOn: { label: '完成日期', hint: '整改完成时必填' },
    status: { label: '整改状态' },
  },
  report: {
    date: { label: '完成日期' },
    title: { label: '报告标题' },
    branches: { label: '调研的党组织', hint: '第一个为主要调研对象' },
    'branches.countyCode': { label: '所在县（市、区）' },
    'branches.type': { label: '类型' },
    'branches.name': { label: '党组织名称' },
    highlights: { label: '彩头', hint: '好的做法和亮点' },
    weakSpots: { label: '短腿', hint: '短板和不足' },
    remedies: { label: '良方妙药', hint: '对策建议' },
  },
  training: {
    date: { label: '培训日期' },
    branch: { label: '培训的党组织' },
    topic: { label: '培训主题' },
    format: { label: '培训方式' },
    trained: { label: '培训人数' },
    trainees: { label: '培训人员名单', hint: '每行一个姓名，可不填' },
  },
  mechanism: {
    title: { label: '制度名称' },
    area: { label: '所属领域' },
    adoptedOn: { label: '出台日期' },
    summary: { label: '主要内容' },
  },
  model: {
    nominee: { label: '推荐对象' },
    'nominee.type': { label: '类别' },
    'nominee.name': { label: '名称或姓名' },
    'nominee.branchName': { label: '所在党组织', hint: '推荐优秀党员时填写' },
    'nominee.countyCode': { label: '所在县（市、区）' },
    date: { label: '推荐日期' },
    reason: { label: '推荐理由' },
  },
  inspection: {
    type: { label: '督查类型' },
    methods: { label: '督查方式', hint: '听、看、考、问、查，至少一项' },
    regionCode: { label: '督查范围' },
    date: { label: '督查日期' },
    subject: { label: '专项督查主题', hint: '专项检查时填写' },
    findings: { label: '发现的问题' },
    'findings.text': { label: '问题内容' },
  },
};

/** The label of a field path, or undefined when nobody wrote one (a test forbids that). */
export function fieldText(kind: string, path: string): FieldText | undefined {
  return BY_KIND[kind]?.[path] ?? COMMON[path] ?? (path.endsWith('.id') ? COMMON.id : undefined);
}
