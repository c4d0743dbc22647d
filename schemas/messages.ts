/**
 * Validation messages in Simplified Chinese (default) and English, shared by the API and the web
 * forms so a person sees the same words in both places. Keys name business rules; zod's own issue
 * codes are phrased by `describeIssue`.
 */
export type Lang = 'zh' | 'en';

export const RULE_MESSAGES = {
  'date.tooEarly': { zh: '日期不能早于 2016-01-01', en: 'The date cannot be before 2016-01-01' },
  'date.future': { zh: '日期不能晚于今天（北京时间）', en: 'The date cannot be in the future (Beijing time)' },
  'region.unknown': { zh: '不是青海省的行政区划代码', en: 'Not a region code of Qinghai' },
  'region.notCounty': { zh: '必须是县级行政区划代码', en: 'Must be a county-level region code' },
  'region.notPrefecture': { zh: '必须是市州级行政区划代码', en: 'Must be a prefecture-level region code' },
  'region.levelMismatch': { zh: '行政区划级别与部长级别不一致', en: "The region's level does not match the minister's level" },
  'visit.noActivity': { zh: '至少填写一项组织生活或一场座谈会', en: 'Give at least one session or one symposium' },
  'id.duplicate': { zh: '编号重复', en: 'This id appears more than once' },
  'patch.empty': { zh: '没有要修改的字段', en: 'Nothing to change' },
  'range.reversed': { zh: '开始日期不能晚于结束日期', en: 'The start date is after the end date' },
  'range.tooLong': { zh: '时间跨度不能超过 400 天', en: 'The range may span at most 400 days' },
  'minister.unknown': { zh: '部长不存在', en: 'No such minister' },
  'minister.contactRepeated': { zh: '联系点重复', en: 'A contact branch appears more than once' },
  'minister.contactOutside': { zh: '联系点须是该部长所在地区的在册党组织', en: "A contact branch must be an active registered branch of the minister's region" },
  'minister.outsideRegion': { zh: '该部长不负责此记录所在地区', en: "The record lies outside this minister's region" },
  'review.commentRequired': { zh: '请说明理由', en: 'Give a reason' },
  'reference.unknown': { zh: '引用的记录不存在', en: 'No such record' },
  'reference.required': { zh: '请选择来源记录（走访记录或督查督导记录）', en: 'Choose the record it came from (a visit or an inspection)' },
  'reference.findingRequired': { zh: '请选择该督查督导中的发现问题', en: 'Choose the finding of the inspection' },
  'reference.notAllowed': { zh: '该来源不需要选择记录', en: 'This source takes no record' },
  'date.tooLate': { zh: '日期过远', en: 'The date is too far ahead' },
  'problem.deadlineBeforeFound': { zh: '整改时限不能早于发现日期', en: 'The rectification deadline cannot be before the day the problem was found' },
  'problem.rectifiedBeforeFound': { zh: '完成日期不能早于发现日期', en: 'The rectification date cannot be before the day the problem was found' },
  'problem.evidenceRequired': { zh: '整改完成需填写整改情况', en: 'Rectified problems need evidence of rectification' },
  'problem.rectifiedOnRequired': { zh: '整改完成需填写完成日期', en: 'Rectified problems need the date they were rectified' },
  'problem.notRectified': { zh: '尚未整改完成，不能填写完成日期', en: 'Only a rectified problem has a rectification date' },
  'training.tooManyNames': { zh: '名单人数不能超过培训人数', en: 'More names than people trained' },
  'branch.duplicate': { zh: '党组织重复', en: 'This branch appears more than once' },
  'finding.linked': { zh: '该发现已生成问题清单，不能删除', en: 'This finding has opened problems and cannot be removed' },
  'finding.unknown': { zh: '该督查记录中没有此发现', en: 'The inspection has no such finding' },
  'text.malformed': { zh: '含有无法识别的字符', en: 'Contains characters that are not valid text' },
  'text.formatCharacters': { zh: '含有不可见的格式字符（如零宽空格、文字方向控制符），请删除后重新输入', en: 'Contains invisible format characters (such as a zero-width space or a text direction control); remove them and type it again' },
  'text.blank': { zh: '不能为空', en: 'Cannot be empty' },
  'field.required': { zh: '必填', en: 'Required' },
  'region.notWithin': { zh: '该县不在所选市州内', en: 'The county does not lie in the chosen prefecture' },
  'branch.unknown': { zh: '支部名册中没有该党组织，或已撤并', en: 'No such branch in the registry, or it has closed' },
  'branch.codeFormat': { zh: '代码只能包含字母、数字和 . _ -', en: 'A code has only letters, digits and . _ -' },
  'branch.nameEmpty': { zh: '名称去掉空格和不可见字符后为空', en: 'The name is empty once spaces and invisible characters are removed' },
  'branch.closedOnRequired': { zh: '已撤并的党组织需填写撤并日期', en: 'A closed branch needs the day it closed' },
  'branch.notClosed': { zh: '在册党组织不能填写撤并日期', en: 'Only a closed branch has a closing day' },
  'branch.codeTaken': { zh: '该代码已用于另一个党组织', en: 'This code belongs to another branch' },
  'branch.nameTaken': { zh: '本县已有同名党组织', en: 'The county already has a branch of this name' },
  'branch.placeFixed': { zh: '党组织登记后所属县和类型不能更改；区划调整时请将其标为已撤并，再登记新的党组织', en: 'A registered branch keeps its county and type; on a boundary change close it and register the new one' },
  'branch.duplicateRow': { zh: '与本文件前面的一行是同一个党组织', en: 'The same branch as an earlier row of this file' },
  'attachment.unknown': { zh: '佐证材料不存在（请先上传）', en: 'No such attachment (announce it with POST /attachments first)' },
  'attachment.rejected': { zh: '佐证材料未通过校验（文件类型或大小与声明不符），请重新上传', en: 'This attachment failed the checks (its type or size is not what was declared); upload it again' },
  'robot.urlInvalid': { zh: '不是有效的网址', en: 'Not a valid URL' },
  'robot.notHttps': { zh: '机器人地址必须以 https:// 开头', en: 'A robot URL starts with https://' },
  'robot.wrongHost': { zh: '不是该类机器人的地址（钉钉：oapi.dingtalk.com/robot/send；企业微信：qyapi.weixin.qq.com/cgi-bin/webhook/send）', en: "Not this type of robot's address (DingTalk: oapi.dingtalk.com/robot/send; WeCom: qyapi.weixin.qq.com/cgi-bin/webhook/send)" },
  'robot.tokenMissing': { zh: '地址中缺少 access_token（钉钉）或 key（企业微信）', en: 'The URL lacks its access_token (DingTalk) or key (WeCom)' },
  'robot.secretRequired': { zh: '钉钉机器人需填写加签密钥（SEC 开头）', en: "A DingTalk robot needs its signing secret (starting SEC)" },
  'robot.secretUnused': { zh: '企业微信机器人没有加签密钥，请留空', en: 'A WeCom robot has no signing secret; leave it out' },
  // 用户管理 (issue 25)
  'account.ministerUnknown': { zh: '没有这位部长', en: 'No such head' },
  'account.ministerOutside': { zh: '所服务的部长不在该账号的地区内', en: "The head lies outside the account's region" },
  'month.reasonRequired': { zh: '退回或重新打开时请说明理由', en: 'Give a reason to return or reopen a month' },
} as const satisfies Record<string, Record<Lang, string>>;

export type RuleKey = keyof typeof RULE_MESSAGES;

export function ruleMessage(key: RuleKey, lang: Lang): string {
  return RULE_MESSAGES[key][lang];
}

/** The subset of a zod issue the phrasing needs (kept structural so the web bundle stays small). */
export interface IssueLike {
  code: string;
  message?: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  values?: readonly unknown[];
  format?: unknown;
  params?: { key?: string };
  input?: unknown;
}

const TYPE_NAMES: Record<string, Record<Lang, string>> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是/否', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
};

function typeName(t: unknown, lang: Lang): string {
  return TYPE_NAMES[String(t)]?.[lang] ?? String(t);
}

/** A person-readable message for one zod issue. */
export function describeIssue(issue: IssueLike, lang: Lang): string {
  const key = issue.params?.key;
  if (key && key in RULE_MESSAGES) return ruleMessage(key as RuleKey, lang);
  const zh = lang === 'zh';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return zh ? '必填' : 'Required';
      return zh ? `应为${typeName(issue.expected, lang)}` : `Must be ${typeName(issue.expected, lang)}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? (zh ? '不能为空' : 'Cannot be empty')
          : zh ? `至少 ${issue.minimum} 个字` : `At least ${issue.minimum} characters`;
      }
      if (issue.origin === 'array') return zh ? `至少 ${issue.minimum} 项` : `At least ${issue.minimum} items`;
      return zh ? `不能小于 ${issue.minimum}` : `Must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return zh ? `不能超过 ${issue.maximum} 个字` : `At most ${issue.maximum} characters`;
      if (issue.origin === 'array') return zh ? `不能超过 ${issue.maximum} 项` : `At most ${issue.maximum} items`;
      return zh ? `不能大于 ${issue.maximum}` : `Must be at most ${issue.maximum}`;
    case 'invalid_value':
    case 'invalid_union': {
      if (issue.input === undefined) return zh ? '必填' : 'Required';
      const values = (issue.values ?? []).map(String).join(zh ? '、' : ', ');
      return values ? (zh ? `应为以下之一：${values}` : `Must be one of: ${values}`) : (zh ? '取值无效' : 'Invalid value');
    }
    case 'invalid_format':
      if (issue.format === 'date') return zh ? '日期格式应为 YYYY-MM-DD' : 'Use the date format YYYY-MM-DD';
      if (issue.format === 'uuid') return zh ? '应为 UUID' : 'Must be a UUID';
      return zh ? '格式不正确' : 'Wrong format';
    case 'not_multiple_of':
      return zh ? '应为整数' : 'Must be a whole number';
    case 'unrecognized_keys':
      return zh ? '不允许的字段' : 'Unknown field';
    default:
      return zh ? '取值无效' : 'Invalid value';
  }
}
