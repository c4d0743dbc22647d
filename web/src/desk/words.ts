/** The desk's own words (the glossary's), beside those each kind's module and schemas/form.ts carry. */

/** What staff do to a record's review, by the state it leads to. */
export const REVIEW_ACTIONS = { approved: '通过', has_issues: '标记有问题', rejected: '退回' } as const;
export type ReviewMove = keyof typeof REVIEW_ACTIONS;

/** The desk's views, as its navigation names them. */
export const VIEW_NAMES = {
  home: '概览',
  queue: '待审核',
  duplicates: '疑似重复',
  problems: '问题整改台账',
  suggestions: '意见建议台账',
  import: '支部名册导入',
  contacts: '联系点',
  matching: '待匹配支部',
  mine: '我的填报',
  duty: '总结讲评',
  collection: '调研报告集',
  roster: '部长名册',
  settings: '消息设置',
  months: '月度报送',
  bulletin: '通报',
  accounts: '用户管理',
} as const;

/** A head's own duty report (述职), as a submitter's navigation names it; a head's report opened by staff: 述职. */
export const OWN_DUTY_NAME = '我的述职';
export const DUTY_NAME = '述职';

/** A head sees their own records: the review queue is theirs, under every review state. */
export const OWN_QUEUE_NAME = '我的记录';

/** What a record id the person may not see shows (the API's 404): nothing of anyone else's. */
export const NOT_FOUND = '找不到该记录，或无权查看';

/** A suspected duplicate visit, settled either way by review. */
export const DUPLICATE_ACTIONS = { distinct: '确认为不同走访', duplicate: '确认为重复' } as const;

/** An empty value in a record or a change. */
export const EMPTY = '（空）';
