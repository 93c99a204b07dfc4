import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/api/envelope';
import { FIELD_ISSUE_CODES } from '../../shared/domain/mutation';
import { errorText, fieldIssueText } from '../../renderer/src/api/errors';
import { i18n, setLanguage } from '../../renderer/src/i18n';

/**
 * Words a user can act on: every error code of the contract and every field-issue code has its own
 * message in Chinese and in English, and no English sentence from the core reaches the Chinese UI.
 */
afterEach(async () => {
  await setLanguage('zh');
});

const HAN = /[\u4e00-\u9fff]/;
/** An English word of three letters or more; none belongs in a Chinese message (HTTP addresses aside). */
const ENGLISH_WORD = /(?<!https?:\/\/\S*)\b[A-Za-z]{3,}\b/;

describe('every error code has words in both languages', () => {
  it.each(['zh', 'en'] as const)('error codes (%s): its own message, not the fallback', async (lang) => {
    await setLanguage(lang);
    for (const code of ERROR_CODES) {
      const key = `errors.codes.${code}`;
      expect(i18n.exists(key), `${lang} ${key}`).toBe(true);
      const text = errorText({ code, message: 'english sentence for the log' });
      expect(text, code).not.toContain('english sentence');
      if (lang === 'zh') {
        expect(text, code).toMatch(HAN);
        expect(text, code).not.toMatch(ENGLISH_WORD);
      } else expect(text, code).not.toMatch(HAN);
    }
  });

  it.each(['zh', 'en'] as const)('field-issue codes (%s)', async (lang) => {
    await setLanguage(lang);
    for (const code of FIELD_ISSUE_CODES) {
      expect(i18n.exists(`errors.fields.${code}`), `${lang} errors.fields.${code}`).toBe(true);
      const text = fieldIssueText({ field: 'someField', code, message: 'english sentence', params: { count: 3 } });
      expect(text).not.toContain('english');
      if (lang === 'zh') expect(text, code).toMatch(HAN);
      else expect(text, code).not.toMatch(HAN);
    }
  });
});

describe('the messages of issue 14 say what happened and what to do', () => {
  it('a duplicate username is not "someone else changed this record"', () => {
    const text = fieldIssueText({ field: 'username', code: 'duplicate', message: 'this username is already taken' });
    expect(text).toBe('该用户名已被使用,请换一个');
    expect(text).not.toBe(errorText({ code: 'conflict', message: '' }));
  });

  it('the last administrator and one’s own rights say why', () => {
    expect(errorText({ code: 'last_admin', message: '' })).toContain('最后一位在用的管理员');
    expect(errorText({ code: 'last_admin', message: '' })).toContain('请先把另一位用户设为管理员');
    expect(errorText({ code: 'own_admin_rights', message: '' })).toContain('请由另一位管理员操作');
  });

  it('the hub unreachable and the disk full, in Chinese with what to do', () => {
    const hub = errorText({ code: 'refused', message: 'the hub cannot be reached: hub http://10.0.0.9:5290 unreachable: fetch failed' });
    expect(hub).toBe('连不上中心服务器:请检查网络和服务器地址;恢复连接后再试');
    expect(hub).not.toMatch(ENGLISH_WORD);
    expect(errorText({ code: 'disk_full', message: 'the disk is full' })).toContain('请清理磁盘空间');
  });

  it('a customer with no phone is asked for one, not told "不能小于 1"', () => {
    const text = fieldIssueText({ field: 'phones', code: 'required', message: 'Too small', params: { minimum: 1 } });
    expect(text).toBe('请至少填写一个电话号码');
  });

  it('the phone, the hotline, the dates and the limits have their own words', () => {
    expect(fieldIssueText({ field: 'phone', code: 'invalid_format', message: '' })).toContain('不是有效的电话号码');
    expect(fieldIssueText({ field: 'hotline', code: 'invalid_format', message: '' })).toContain('服务热线只能由数字组成');
    expect(fieldIssueText({ field: 'occurredAt', code: 'in_future', message: '' })).toBe('发生时间不能晚于现在');
    expect(fieldIssueText({ field: 'agreedReplyBy', code: 'in_past', message: '' })).toBe('约定答复时间不能早于现在');
    expect(fieldIssueText({ field: 'answerWithinSeconds', code: 'out_of_range', message: '', params: { minimum: 3 } })).toBe('须为 3–120 秒');
    expect(fieldIssueText({ field: 'repeatCallerHours', code: 'out_of_range', message: '', params: { maximum: 168 } })).toBe('须为 1–168 小时');
    expect(fieldIssueText({ field: 'departments.2', code: 'duplicate', message: '' })).toBe('该部门已在列表中,请删除重复的一项');
  });
});
