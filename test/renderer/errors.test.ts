import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/api/envelope';
import { call } from '../../renderer/src/api/client';
import { errorText, fieldErrors, fieldIssueText, stripPrefix } from '../../renderer/src/api/errors';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { i18n, setLanguage } from '../../renderer/src/i18n';

afterEach(async () => {
  setBridgeForTests(null);
  await setLanguage('zh');
});

const HAN = /[\u4e00-\u9fff]/;

describe('error texts', () => {
  it('has a Chinese text for every error code of the contract', () => {
    for (const code of ERROR_CODES) {
      const text = errorText({ code, message: 'english for logs' });
      expect(text, code).toMatch(HAN);
      expect(text).not.toContain('english');
    }
  });

  it('maps a few codes to the expected words', () => {
    expect(errorText({ code: 'invalid_credentials', message: '' })).toBe('用户名或密码错误');
    expect(errorText({ code: 'forbidden', message: '' })).toBe('您没有执行此操作的权限');
    expect(errorText({ code: 'internal', message: 'ECONNREFUSED' })).toBe('系统错误或网络不通,请稍后重试');
  });

  it('falls back to the internal text for a code it does not know', () => {
    expect(errorText({ code: 'brand_new' as never, message: '' })).toBe(errorText({ code: 'internal', message: '' }));
  });

  it('follows the language switch', async () => {
    await setLanguage('en');
    expect(errorText({ code: 'invalid_credentials', message: '' })).toBe('Wrong username or password');
  });
});

describe('field issue texts', () => {
  it('uses the generic text per code', () => {
    expect(fieldIssueText({ field: 'callerName', code: 'required', message: '' })).toBe('此项必填');
    expect(fieldIssueText({ field: 'x', code: 'invalid_format', message: '' })).toBe('格式不正确');
    expect(fieldIssueText({ field: 'x', code: 'invalid_value', message: '' })).toBe('取值无效');
    expect(fieldIssueText({ field: 'x', code: 'unknown_field', message: '' })).toBe('不支持的字段');
  });

  it('includes the limit the value broke', () => {
    expect(fieldIssueText({ field: 'content', code: 'too_long', message: '', params: { maximum: 5000 } })).toBe('内容过长,最多 5000 个字符');
    expect(fieldIssueText({ field: 'keyAccountMonths', code: 'out_of_range', message: '', params: { minimum: 3 } })).toBe('不能小于 3');
    // A limit with its own words says the whole range.
    expect(fieldIssueText({ field: 'answerWithinSeconds', code: 'out_of_range', message: '', params: { minimum: 3 } })).toBe('须为 3–120 秒');
    expect(fieldIssueText({ field: 'satisfaction', code: 'out_of_range', message: '', params: { maximum: 5 } })).toBe('不能大于 5');
  });

  it('prefers field-specific wording, also for list elements and nested params', () => {
    expect(fieldIssueText({ field: 'promisedReplyBy', code: 'required', message: '' })).toBe('未当场答复的来电须填写承诺答复时间');
    expect(fieldIssueText({ field: 'phones.1', code: 'invalid_format', message: '' })).toBe('不是有效的电话号码');
    expect(fieldIssueText({ field: 'admin.password', code: 'out_of_range', message: '', params: { minimum: 8 } })).toBe('密码长度须为 8–128 位');
  });

  it('keys messages by field path, first issue per field', () => {
    const errs = fieldErrors({
      code: 'invalid_params',
      message: '',
      fields: [
        { field: 'fields.content', code: 'required', message: '' },
        { field: 'fields.content', code: 'too_long', message: '' },
        { field: 'fields.phone', code: 'invalid_format', message: '' },
      ],
    });
    const phone = '不是有效的电话号码:请填写手机号(11 位)或带区号的固定电话,如 0571-88881234';
    expect(errs).toEqual({ 'fields.content': '请填写来电内容', 'fields.phone': phone });
    expect(stripPrefix(errs, 'fields')).toEqual({ content: '请填写来电内容', phone });
    expect(fieldErrors(null)).toEqual({});
  });

  it('is not confused by i18n keys that do not exist', () => {
    expect(i18n.exists('errors.specific.nothing.required')).toBe(false);
  });
});

describe('typed client', () => {
  it('never throws: a bridge that throws becomes an internal envelope', async () => {
    setBridgeForTests({
      invoke: async () => {
        throw new Error('IPC channel closed');
      },
      on: () => () => {},
    });
    const res = await call('auth.session', {});
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'IPC channel closed' } });
  });

  it('refuses a bridge answer that is not an envelope', async () => {
    setBridgeForTests({ invoke: async () => 'nonsense', on: () => () => {} });
    const res = await call('auth.session', {});
    expect(res.ok).toBe(false);
  });
});
