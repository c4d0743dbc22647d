/** Numbers as people read them in Chinese reports: 12,536. */
export const formatNumber = (n: number): string => n.toLocaleString('zh-CN');
