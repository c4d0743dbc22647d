import { describe, expect, it } from 'vitest';
import { CONTACT, refusalOf } from '#web/src/forms/refusal.ts';

const problem = (status: number, extra: Record<string, unknown> = {}) => ({ type: 'about:blank', title: 'Refused', status, ...extra });

describe('a refused submission', () => {
  it('puts field errors beside their fields and needs no one else when the person can correct them', () => {
    const refusal = refusalOf(422, problem(422, { errors: [{ path: 'foundBy.id', message: '引用的记录不存在' }] }), { ownMinister: true });
    expect(refusal).toEqual({ reason: '引用的记录不存在', fieldErrors: [{ path: 'foundBy.id', message: '引用的记录不存在' }], help: undefined, fixable: true });
  });

  it('says whom to contact when the head does not exist and the person reports for that head only', () => {
    const body = problem(422, { errors: [{ path: 'ministerId', message: '部长不存在' }] });
    const own = refusalOf(422, body, { ownMinister: true });
    expect(own.fixable).toBe(false);
    expect(own.reason).toBe('部长不存在');
    expect(own.fieldErrors).toEqual([{ path: 'ministerId', message: '部长不存在' }]);
    expect(own.help).toContain(CONTACT);
    // An admin picks the head: they can choose another.
    expect(refusalOf(422, body, { ownMinister: false })).toMatchObject({ fixable: true, help: undefined });
  });

  it('treats 403 and 409 as beyond the form, with the API\'s words on the form as a whole', () => {
    const forbidden = refusalOf(403, problem(403, { title: 'Forbidden', detail: '不在您的地区' }), { ownMinister: true });
    expect(forbidden).toMatchObject({ reason: '不在您的地区', fieldErrors: [{ path: '', message: '不在您的地区' }], fixable: false });
    expect(forbidden.help).toContain(CONTACT);
    expect(refusalOf(403, undefined, { ownMinister: false })).toMatchObject({ reason: '您的账号无权提交这条记录', fixable: false });
    const conflict = refusalOf(409, problem(409, { title: '同一编号的记录内容不同' }), { ownMinister: false });
    expect(conflict).toMatchObject({ reason: '同一编号的记录内容不同', fixable: false });
    expect(conflict.help).toContain('删除本条');
  });

  it('says something useful about a refusal without a body', () => {
    const bare = refusalOf(404, undefined, { ownMinister: true });
    expect(bare.reason).toBe('提交被拒绝（404）');
    expect(bare.fieldErrors).toEqual([{ path: '', message: '提交被拒绝' }]);
    expect(bare.help).toContain(CONTACT);
  });
});

describe('a submission into a locked month (月度报送)', () => {
  it('says the API\'s message, keeps the entry to send again, and names no duplicate', () => {
    const detail = '城东区2026年11月已报送，本月已报送，如需修改请联系西宁市组织部门重新打开';
    const locked = refusalOf(409, problem(409, { type: '/problems/month-locked', title: '该月已锁定', detail }), { ownMinister: true });
    expect(locked).toMatchObject({ reason: detail, fixable: true, fieldErrors: [{ path: '', message: detail }] });
    expect(locked.help).not.toContain('删除本条');
  });
});
