import type { Lang } from '../i18n/lang';

// The words of a classroom learner's widgets on the lesson page, in both languages; loaded with the widgets
// (lazily), never with the lesson page itself.
const en = {
  classroom: 'Classroom',
  raiseHand: 'Raise hand',
  raiseHandTitle: 'Ask your instructor for help',
  handMessageLabel: 'What do you need help with?',
  handMessageHint: (max: number) =>
    `Optional, at most ${max} characters. Your instructor sees it with your name.`,
  handMessagePlaceholder: 'e.g. my containers cannot ping each other',
  sendHand: 'Raise my hand',
  cancel: 'Cancel',
  raising: 'Raising…',
  handRaised: 'Hand raised',
  handRaisedBody: 'Your instructor has been told and will come to you.',
  lowerHand: 'Lower hand',
  lowering: 'Lowering…',
  handLowered: 'Your hand is down.',
  handResolved: 'Your instructor has answered your raised hand.',
  yourMessage: 'Your message',
  watching: 'Instructor is watching',
  watchingLabel: 'Your instructor is watching your terminal.',
  notWatching: 'Your instructor stopped watching your terminal.',
  allowTyping: 'Allow instructor to type',
  typingOn: 'Instructor may type',
  typingOff: 'Read-only for instructor',
  typingOnAnnounce: 'Your instructor may now type in your terminal.',
  typingOffAnnounce: 'Your instructor can no longer type in your terminal.',
  typingNeedsSandbox: 'Start your sandbox first.',
  messagesFromInstructor: 'Message from your instructor',
  broadcastAt: (time: string) => `sent at ${time}`,
  earlier: (n: number) => (n === 1 ? '1 earlier message' : `${n} earlier messages`),
  hideEarlier: 'Hide earlier messages',
  dismiss: 'Dismiss',
  dismissLabel: 'Dismiss the message from your instructor',
  showMessages: (n: number) => (n === 1 ? '1 message' : `${n} messages`),
  showMessagesLabel: 'Show messages from your instructor',
  failed: 'That did not work. Try again.',
  offline: 'Live updates paused: reconnecting…',
};

export type LiveClassStrings = typeof en;

const zh: LiveClassStrings = {
  classroom: '班级',
  raiseHand: '举手',
  raiseHandTitle: '向老师求助',
  handMessageLabel: '你需要什么帮助？',
  handMessageHint: (max) => `可选，最多 ${max} 个字符。老师会连同你的名字一起看到。`,
  handMessagePlaceholder: '例如：我的两个容器互相 ping 不通',
  sendHand: '举手',
  cancel: '取消',
  raising: '正在举手…',
  handRaised: '已举手',
  handRaisedBody: '老师已经收到，会来帮你。',
  lowerHand: '放下手',
  lowering: '正在放下…',
  handLowered: '你已经放下手了。',
  handResolved: '老师已经处理了你的举手。',
  yourMessage: '你的留言',
  watching: '老师正在查看',
  watchingLabel: '老师正在查看你的终端。',
  notWatching: '老师已停止查看你的终端。',
  allowTyping: '允许老师输入',
  typingOn: '老师可以输入',
  typingOff: '老师只能查看',
  typingOnAnnounce: '老师现在可以在你的终端里输入。',
  typingOffAnnounce: '老师不能再在你的终端里输入了。',
  typingNeedsSandbox: '请先启动沙箱。',
  messagesFromInstructor: '老师发来的消息',
  broadcastAt: (time) => `发送于 ${time}`,
  earlier: (n) => `之前的 ${n} 条消息`,
  hideEarlier: '收起之前的消息',
  dismiss: '关闭',
  dismissLabel: '关闭老师发来的消息',
  showMessages: (n) => `${n} 条消息`,
  showMessagesLabel: '查看老师发来的消息',
  failed: '操作没有成功，请重试。',
  offline: '实时更新已暂停：正在重新连接…',
};

const dictionaries: Record<Lang, LiveClassStrings> = { en, zh };

export function liveClassStringsFor(lang: Lang): LiveClassStrings {
  return dictionaries[lang];
}
