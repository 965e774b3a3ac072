import type { Lang } from '../i18n/lang';

// The instructor setup page's words (/setup/[token]) in both languages.
const en = {
  pageTitle: 'Set your password',
  intro: (email: string) => `You are setting the password of the instructor account ${email}.`,
  password: 'New password',
  passwordHint: (min: number) => `At least ${min} characters.`,
  confirm: 'Repeat the password',
  submit: 'Set password and sign in',
  saving: 'Saving…',
  tooShort: (min: number) => `The password needs at least ${min} characters.`,
  mismatch: 'The two passwords are not the same.',
  spentTitle: 'This link no longer works',
  spentBody:
    'A setup link works once, for 24 hours. Ask whoever runs this Berth for a new one (./berth instructors add <your email>).',
  backToCourse: 'Back to the course',
};
export type SetupStrings = typeof en;

const zh: SetupStrings = {
  pageTitle: '设置密码',
  intro: (email) => `你正在为讲师账号 ${email} 设置密码。`,
  password: '新密码',
  passwordHint: (min) => `至少 ${min} 个字符。`,
  confirm: '再次输入密码',
  submit: '设置密码并登录',
  saving: '正在保存…',
  tooShort: (min) => `密码至少需要 ${min} 个字符。`,
  mismatch: '两次输入的密码不一致。',
  spentTitle: '此链接已失效',
  spentBody:
    '设置链接只能使用一次，有效期 24 小时。请联系本 Berth 的管理员获取新链接（./berth instructors add <你的邮箱>）。',
  backToCourse: '返回课程',
};

export function setupStrings(lang: Lang): SetupStrings {
  return lang === 'zh' ? zh : en;
}
