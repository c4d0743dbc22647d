/** The words of evidence (佐证材料) people read: the types accepted, an attachment's status, and its flags. */

/** The content types accepted, with the words people see. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'application/pdf': 'PDF 文件',
} as const;

export const ATTACHMENT_STATUSES = { pending: '上传中', stored: '已保存', rejected: '未通过校验' } as const;

/** What staff should look at, computed from what the server read of the stored file. */
export const ATTACHMENT_FLAGS = {
  'no-capture-time': '照片没有拍摄时间',
  'capture-date-far': '拍摄日期与记录日期相差两天以上',
  'gps-outside': '拍摄地点不在青海省',
} as const;
