import { z } from 'zod';
import type { nodeNameSchema } from './ids.ts';

// The `script` assertion: a bash script run on the node (not in the learner's shell); exit 0 passes. With
// `messages`, its last line names one of them (`key`, or `key: detail`) and the learner reads that message in
// the page's language, `{detail}` replaced by what followed the key; without, the last line is shown as it is.

const messageKey = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a message key is a slug, e.g. no-archive');
const localizedText = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict();

export const scriptAssertionSchema = (node: z.ZodOptional<typeof nodeNameSchema>) =>
  z
    .object({
      type: z.literal('script'),
      node,
      run: z.string().min(1),
      messages: z.record(messageKey, localizedText).optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      // A key the script never prints is a message nobody reads (or a typo of the key it does print).
      for (const key of Object.keys(a.messages ?? {})) {
        if (!a.run.includes(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['messages', key],
            message: `the script never prints the message key "${key}" (its last line picks the message)`,
          });
        }
      }
    });

/** The message a script's last line picks: `key` or `key: detail`, if `messages` declares that key. */
export function pickScriptMessage(
  messages: Record<string, { en: string; zh: string }> | undefined,
  lastLine: string,
): { en: string; zh: string } | undefined {
  const m = /^([a-z][a-z0-9-]*)(?::\s*(.*))?$/.exec(lastLine.trim());
  const text = m && messages ? messages[m[1]!] : undefined;
  if (!text) return undefined;
  const detail = m![2] ?? '';
  const fill = (s: string) => s.replaceAll('{detail}', detail);
  return { en: fill(text.en), zh: fill(text.zh) };
}
