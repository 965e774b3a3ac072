import { z } from 'zod';

// What a check found, as a code with parameters: the agent says what it saw, the control plane renders it
// in the page's language (en, zh). `{name}` in a template is replaced by that parameter.

const t = (en: string, zh: string) => ({ en, zh }) as const;

export const checkMessageTemplates = {
  network_missing: t('No network named "{name}" exists yet.', '还没有名为 "{name}" 的网络。'),
  network_driver: t(
    'Network "{name}" uses the "{driver}" driver; it should use "{expected}".',
    '网络 "{name}" 使用的是 "{driver}" 驱动，应当使用 "{expected}"。',
  ),
  network_subnet: t(
    'Network "{name}" has the subnet {subnets}, not {expected}.',
    '网络 "{name}" 的子网是 {subnets}，而不是 {expected}。',
  ),
  network_ok: t('Network "{name}" exists (driver {driver}).', '网络 "{name}" 已存在（驱动 {driver}）。'),
  container_missing: t('No container named "{name}" exists.', '没有名为 "{name}" 的容器。'),
  container_not_running: t(
    'Container "{name}" exists but is {status}, not running.',
    '容器 "{name}" 存在，但状态是 {status}，没有在运行。',
  ),
  container_running: t('Container "{name}" is running.', '容器 "{name}" 正在运行。'),
  container_port_missing: t(
    'Container "{name}" does not publish port {port} on host port {hostPort} (it publishes: {ports}).',
    '容器 "{name}" 没有把端口 {port} 发布到主机端口 {hostPort}（现有发布：{ports}）。',
  ),
  container_publishing: t(
    'Container "{name}" is running and publishes port {port} on host port {hostPort}.',
    '容器 "{name}" 正在运行，并把端口 {port} 发布到了主机端口 {hostPort}。',
  ),
  container_not_exited: t(
    'Container "{name}" is {status}; it should have run and exited.',
    '容器 "{name}" 的状态是 {status}；它应当已经运行并退出。',
  ),
  container_image: t(
    'Container "{name}" was created from "{image}", not from "{expected}".',
    '容器 "{name}" 是用 "{image}" 创建的，而不是 "{expected}"。',
  ),
  container_exit_code: t(
    'Container "{name}" exited with code {code}, not {expected}.',
    '容器 "{name}" 的退出码是 {code}，而不是 {expected}。',
  ),
  container_output_lacks: t(
    'Container "{name}" did not print "{text}" (to {stream}).',
    '容器 "{name}" 没有输出 "{text}"（{stream}）。',
  ),
  container_exited_ok: t(
    'Container "{name}" exited with code {code}.',
    '容器 "{name}" 已退出，退出码 {code}。',
  ),
  container_still_exists: t(
    'Container "{name}" still exists ({status}); remove it.',
    '容器 "{name}" 仍然存在（{status}）；请删除它。',
  ),
  container_never_removed: t(
    'No container named "{name}" was removed on this engine yet (it keeps its last 256 events).',
    '这个引擎上还没有删除过名为 "{name}" 的容器（引擎只保留最近 256 条事件）。',
  ),
  container_removed: t('Container "{name}" was removed.', '容器 "{name}" 已被删除。'),
  container_no_healthcheck: t(
    'Container "{name}" has no health check: its image has no HEALTHCHECK and `docker run` gave none.',
    '容器 "{name}" 没有健康检查：它的镜像中没有 HEALTHCHECK，`docker run` 也没有指定。',
  ),
  container_health_starting: t(
    'Container "{name}" is still starting: its health check has not passed yet. Wait a few seconds and check again.',
    '容器 "{name}" 仍处于 starting 状态：它的健康检查还没有通过。等几秒钟再检查。',
  ),
  container_unhealthy: t(
    'Container "{name}" is unhealthy: its health check failed {count} time(s) in a row (last exit code {code}: {output}).',
    '容器 "{name}" 的状态是 unhealthy：它的健康检查连续失败了 {count} 次（最后一次退出码 {code}：{output}）。',
  ),
  container_healthy: t('Container "{name}" is healthy.', '容器 "{name}" 的状态是 healthy。'),
  container_not_on_network: t(
    'Container "{name}" is attached to {networks}, not to "{network}".',
    '容器 "{name}" 连接的是 {networks}，而不是 "{network}"。',
  ),
  container_on_no_network: t(
    'Container "{name}" is attached to no network, not to "{network}".',
    '容器 "{name}" 没有连接任何网络，应当连接到 "{network}"。',
  ),
  container_on_network: t(
    'Container "{name}" is attached to "{network}".',
    '容器 "{name}" 已连接到 "{network}"。',
  ),
  image_missing: t('Image "{name}" is not present.', '镜像 "{name}" 不存在。'),
  image_present: t('Image "{name}" is present.', '镜像 "{name}" 已存在。'),
  image_same: t(
    'Image "{name}" is the same image as "{other}" ({id}).',
    '镜像 "{name}" 与 "{other}" 是同一个镜像（{id}）。',
  ),
  image_not_same: t(
    'Image "{name}" is image {id}, not the image "{other}" names ({otherId}).',
    '镜像 "{name}" 是镜像 {id}，而不是 "{other}" 所指的镜像（{otherId}）。',
  ),
  image_not_based_on: t(
    'Image "{name}" is not built on "{base}": its layers do not start with those of "{base}".',
    '镜像 "{name}" 不是基于 "{base}" 构建的：它的层不是以 "{base}" 的层开头。',
  ),
  image_is_base: t(
    'Image "{name}" is "{base}" itself under another name; build a new layer on it.',
    '镜像 "{name}" 就是 "{base}" 本身（只是换了个名字）；请在它之上构建新的层。',
  ),
  image_based_on: t('Image "{name}" is built on "{base}".', '镜像 "{name}" 基于 "{base}" 构建。'),
  image_layer_count: t(
    'Image "{name}" has {count} layer(s); expected {expected}.',
    '镜像 "{name}" 有 {count} 层；应当是 {expected}。',
  ),
  image_layer_ok: t('Image "{name}" has {count} layer(s).', '镜像 "{name}" 有 {count} 层。'),
  image_not_imported: t(
    'Image "{name}" was not made by `docker import` (it has {count} layer(s); its history says "{history}").',
    '镜像 "{name}" 不是用 `docker import` 生成的（它有 {count} 层；历史记录是 "{history}"）。',
  ),
  image_imported: t(
    'Image "{name}" was imported from a file system archive.',
    '镜像 "{name}" 是从文件系统归档导入的。',
  ),
  volume_missing: t('No volume named "{name}" exists.', '没有名为 "{name}" 的数据卷。'),
  volume_exists: t('Volume "{name}" exists.', '数据卷 "{name}" 已存在。'),
  exec_not_running: t(
    'Container "{name}" is not running, so nothing can run in it.',
    '容器 "{name}" 没有在运行，无法在其中执行命令。',
  ),
  exec_timeout: t('`{command}` in "{name}" did not finish in time.', '在 "{name}" 中执行 `{command}` 超时。'),
  exec_failed: t(
    '`{command}` in "{name}" failed (exit {code}): {output}',
    '在 "{name}" 中执行 `{command}` 失败（退出码 {code}）：{output}',
  ),
  exec_output_lacks: t(
    '`{command}` in "{name}" ran, but its output lacks "{text}".',
    '在 "{name}" 中执行 `{command}` 成功，但输出中没有 "{text}"。',
  ),
  exec_ok: t('`{command}` in "{name}" succeeded.', '在 "{name}" 中执行 `{command}` 成功。'),
  http_timeout: t('{url} did not answer within {seconds} s.', '{url} 在 {seconds} 秒内没有应答。'),
  http_unreachable: t('Nothing answered at {url}: {error}', '{url} 没有应答：{error}'),
  http_status: t(
    '{url} answered HTTP {code}, not {expected}.',
    '{url} 返回 HTTP {code}，而不是 {expected}。',
  ),
  http_body_lacks: t(
    '{url} answered HTTP {code}, but the page does not contain "{text}".',
    '{url} 返回 HTTP {code}，但页面中没有 "{text}"。',
  ),
  http_ok: t('{url} answered HTTP {code}.', '{url} 返回 HTTP {code}。'),
  http_ok_with: t('{url} answered HTTP {code} with "{text}".', '{url} 返回 HTTP {code}，内容包含 "{text}"。'),
  file_missing: t('There is no file {path} {where}.', '{where}没有文件 {path}。'),
  file_differs: t(
    '{path} {where} says "{content}", not "{expected}".',
    '{where}的 {path} 内容是 "{content}"，而不是 "{expected}"。',
  ),
  file_lacks: t('{path} {where} does not contain "{text}".', '{where}的 {path} 中没有 "{text}"。'),
  file_ok: t('{path} {where} has the expected content.', '{where}的 {path} 内容正确。'),
  file_present: t(
    '{path} {where} still exists; it should not be there.',
    '{where}仍然有 {path}；它不应当在那里。',
  ),
  file_absent_ok: t('There is no {path} {where}, as expected.', '{where}没有 {path}，符合要求。'),
  registry_unreachable: t('No registry answered at {url}: {error}', '{url} 上没有镜像仓库应答：{error}'),
  registry_login_required: t(
    'The registry at {url} asks for a user name and password (HTTP 401): it has basic auth.',
    '{url} 上的镜像仓库要求提供用户名和密码（HTTP 401）：它启用了基本认证。',
  ),
  registry_login_refused: t(
    'The registry at {url} refused user "{username}" with the given password (HTTP 401).',
    '{url} 上的镜像仓库拒绝了用户 "{username}" 及其密码（HTTP 401）。',
  ),
  registry_repo_missing: t(
    'The registry at {url} has no repository "{repository}" (it has: {repositories}).',
    '{url} 上的镜像仓库中没有 "{repository}"（现有：{repositories}）。',
  ),
  registry_tag_missing: t(
    'Repository "{repository}" in the registry at {url} has no tag "{tag}" (it has: {tags}).',
    '{url} 上的镜像仓库 "{repository}" 没有标签 "{tag}"（现有：{tags}）。',
  ),
  registry_ok: t(
    'The registry at {url} holds {repository}:{tag}.',
    '{url} 上的镜像仓库中有 {repository}:{tag}。',
  ),
  mount_none: t(
    'Container "{name}" has nothing mounted at {target} (it has no mounts).',
    '容器 "{name}" 的 {target} 上没有挂载任何东西（它没有挂载）。',
  ),
  mount_missing: t(
    'Container "{name}" has nothing mounted at {target} (its mounts: {mounts}).',
    '容器 "{name}" 的 {target} 上没有挂载任何东西（它的挂载：{mounts}）。',
  ),
  mount_kind: t(
    'At {target} container "{name}" has a {kind} mount, not a {expected} mount.',
    '容器 "{name}" 在 {target} 上的是 {kind} 挂载，而不是 {expected} 挂载。',
  ),
  mount_source: t(
    'The {kind} mount at {target} in container "{name}" comes from "{source}", not from "{expected}".',
    '容器 "{name}" 在 {target} 上的 {kind} 挂载来自 "{source}"，而不是 "{expected}"。',
  ),
  mount_read_only: t(
    'The mount at {target} in container "{name}" is read-only; it should be writable.',
    '容器 "{name}" 在 {target} 上的挂载是只读的；它应当可写。',
  ),
  mount_writable: t(
    'The mount at {target} in container "{name}" is writable; it should be read-only.',
    '容器 "{name}" 在 {target} 上的挂载是可写的；它应当是只读的。',
  ),
  mount_ok: t(
    'Container "{name}" has a {kind} mount at {target}.',
    '容器 "{name}" 在 {target} 上有一个 {kind} 挂载。',
  ),
  // container_running with logsInclude, container_exited with oomKilled (issue 11: checks11).
  container_logs_lack: t(
    'Container "{name}" is running, but its logs do not contain "{text}".',
    '容器 "{name}" 正在运行，但它的日志中没有 "{text}"。',
  ),
  container_running_logs: t(
    'Container "{name}" is running and its logs contain "{text}".',
    '容器 "{name}" 正在运行，日志中有 "{text}"。',
  ),
  container_not_oom_killed: t(
    'Container "{name}" is {status} (exit code {code}), but the kernel did not kill it for memory: OOMKilled is false.',
    '容器 "{name}" 的状态是 {status}（退出码 {code}），但它不是因内存超限被内核杀死的：OOMKilled 为 false。',
  ),
  container_oom_killed_unexpected: t(
    'The kernel killed container "{name}" for using more memory than its limit (OOMKilled).',
    '容器 "{name}" 因使用的内存超过限制而被内核杀死了（OOMKilled）。',
  ),
  container_oom_killed: t(
    'The kernel killed container "{name}" for using more memory than its limit (exit code {code}, OOMKilled).',
    '容器 "{name}" 因使用的内存超过限制而被内核杀死（退出码 {code}，OOMKilled）。',
  ),
  // container_namespace: {kind} is one of the ns_* words below, {ns} what readlink prints (net:[4026532213]).
  namespace_unreadable: t(
    'The {kind} of container "{name}" could not be read on the node: {output}',
    '无法在节点上读取容器 "{name}" 的{kind}：{output}',
  ),
  namespace_is_node: t(
    'Container "{name}" uses the node\'s own {kind} {ns} (as with --network host or --pid host).',
    '容器 "{name}" 用的是节点自己的{kind} {ns}（就像 --network host 或 --pid host 那样）。',
  ),
  namespace_own: t(
    'Container "{name}" is in {ns} and "{other}" in {otherNs}: "{name}" has a {kind} of its own.',
    '容器 "{name}" 在 {ns}，而 "{other}" 在 {otherNs}："{name}" 有自己的{kind}。',
  ),
  namespace_shared: t(
    'Container "{name}" shares the {kind} of "{other}" ({ns}).',
    '容器 "{name}" 与 "{other}" 共享{kind}（{ns}）。',
  ),
  namespace_not_node: t(
    'Container "{name}" is in {ns}, not in the node\'s own {kind} ({nodeNs}).',
    '容器 "{name}" 在 {ns}，而不在节点自己的{kind}（{nodeNs}）中。',
  ),
  namespace_node: t(
    'Container "{name}" shares the node\'s own {kind} ({ns}).',
    '容器 "{name}" 与节点共享节点自己的{kind}（{ns}）。',
  ),
  ns_net: t('network namespace', '网络命名空间'),
  ns_pid: t('PID namespace', 'PID 命名空间'),
  ns_ipc: t('IPC namespace', 'IPC 命名空间'),
  ns_uts: t('UTS namespace (host name)', 'UTS 命名空间（主机名）'),
  // container_limits: {value} is a number or limit_none, {file} the cgroup file it was read from.
  limits_unreadable: t(
    'The cgroup of container "{name}" could not be read on the node: {output}',
    '无法在节点上读取容器 "{name}" 的 cgroup：{output}',
  ),
  limit_memory: t(
    'Container "{name}" may use {value} bytes of memory ({file}), not {expected}.',
    '容器 "{name}" 最多能使用 {value} 字节内存（{file}），而不是 {expected}。',
  ),
  limit_pids: t(
    'Container "{name}" may run {value} processes ({file}), not {expected}.',
    '容器 "{name}" 最多能运行 {value} 个进程（{file}），而不是 {expected}。',
  ),
  limit_none: t('any number of', '不限数量的'),
  limits_ok: t(
    'The cgroup of container "{name}" sets the limits asked for.',
    '容器 "{name}" 的 cgroup 设置了要求的限制。',
  ),
  // A script's own message from its `messages` (en and zh, written by the lesson's author): {text} is both.
  script_message: t('{text}', '{text}'),
  script_timeout: t('The check script did not finish in time.', '检查脚本超时。'),
  script_passed: t('Check passed.', '检查通过。'),
  script_failed: t('Check failed (exit {code}).', '检查未通过（退出码 {code}）。'),
  // The script's own last line of output: its author's words, shown as they are.
  script_said: t('{output}', '{output}'),
  out_of_time: t('Not checked: the check ran out of time.', '未检查：检查超时。'),
  engine_timeout: t(
    'The Docker engine in your sandbox did not answer in time.',
    '沙箱中的 Docker 引擎没有及时应答。',
  ),
  engine_down: t(
    'The Docker engine in your sandbox is not answering (is dockerd running?).',
    '沙箱中的 Docker 引擎没有应答（dockerd 在运行吗？）。',
  ),
  disk_full: t(
    'Not checked: your sandbox has run out of disk space (No space left on device). Delete files you do not need, for example in /root or /tmp, and check again.',
    '未检查：沙箱的磁盘空间已用完（No space left on device）。请删除不需要的文件（例如 /root 或 /tmp 中的），然后再检查。',
  ),
  node_missing: t(
    'This check needs {node}, which this sandbox does not have.',
    '此检查需要 {node}，但这个沙箱没有它。',
  ),
  not_checked: t('Not checked.', '未检查。'),
  // Answers (quizzes). A wrong answer says what is wrong, never the right answer, never the learner's own.
  answer_missing: t('No answer yet.', '还没有作答。'),
  answer_right: t('Right.', '回答正确。'),
  answer_wrong_choice: t('That is not the right choice.', '这个选项不对。'),
  answer_wrong_choices: t(
    'Not quite: pick every right choice and only those.',
    '不完全对：要选中所有正确的选项，并且只选它们。',
  ),
  answer_wrong_value: t('That is not the right answer.', '这个答案不对。'),
  answer_not_a_number: t('The answer is a number.', '答案应当是一个数字。'),
  answer_not_ip: t('That is not the address of container "{name}".', '这不是容器 "{name}" 的地址。'),
  answer_not_container_id: t('That is not the id of container "{name}".', '这不是容器 "{name}" 的 ID。'),
  answer_not_image_id: t('That is not the id of image "{name}".', '这不是镜像 "{name}" 的 ID。'),
  answer_id_too_short: t(
    'Give at least the first {count} characters of the id.',
    '请至少给出 ID 的前 {count} 个字符。',
  ),
  answer_not_exit_code: t(
    'That is not the exit code of container "{name}".',
    '这不是容器 "{name}" 的退出码。',
  ),
  answer_not_layer_count: t(
    'That is not the number of layers of image "{name}".',
    '这不是镜像 "{name}" 的层数。',
  ),
  answer_not_host_port: t(
    'That is not the node port that port {port} of container "{name}" is published on.',
    '容器 "{name}" 的 {port} 端口不是发布在这个节点端口上。',
  ),
  answer_port_unpublished: t(
    'Container "{name}" does not publish port {port}.',
    '容器 "{name}" 没有发布 {port} 端口。',
  ),
  container_no_address: t(
    'Container "{name}" has no IP address (it is not running, or on no network).',
    '容器 "{name}" 没有 IP 地址（它没有在运行，或者没有连接任何网络）。',
  ),
  answer_unreadable: t(
    'The value to compare with could not be read from the sandbox (exit {code}).',
    '无法从沙箱中读取用来比较的值（退出码 {code}）。',
  ),
  // Words used inside other messages' parameters.
  where_node: t('on the node', '节点上'),
  where_container: t('in container "{name}"', '容器 "{name}" 中'),
  where_volume: t('in volume "{name}"', '数据卷 "{name}" 中'),
  where_image: t('in image "{name}"', '镜像 "{name}" 中'),
  on_node: t('On {node}: {message}', '在 {node} 上：{message}'),
} as const;

export type CheckMessageCode = keyof typeof checkMessageTemplates;
const codes = Object.keys(checkMessageTemplates) as [CheckMessageCode, ...CheckMessageCode[]];

/** Text its author wrote in both languages (a script's `messages`): rendered in the one asked for. */
export interface LocalizedText {
  en: string;
  zh: string;
}
type ParamValue = string | number | CheckMessage | LocalizedText;
/** A finding: its code, and parameters that are plain values, localized text or nested findings (rendered first). */
export interface CheckMessage {
  code: CheckMessageCode;
  params?: Record<string, ParamValue>;
}

export const checkMessageSchema: z.ZodType<CheckMessage> = z.lazy(() =>
  z.object({
    code: z.enum(codes),
    params: z
      .record(
        z.string(),
        z.union([
          z.string().max(2000),
          z.number(),
          z.object({ en: z.string().max(2000), zh: z.string().max(2000) }).strict(),
          checkMessageSchema,
        ]),
      )
      .optional(),
  }),
);

export const msg = (code: CheckMessageCode, params?: Record<string, ParamValue>): CheckMessage => ({
  code,
  ...(params ? { params } : {}),
});

/** The finding in one of the page's languages; a parameter missing from `params` stays as `{name}`. */
export function renderCheckMessage(m: CheckMessage, lang: 'en' | 'zh'): string {
  const template: string = checkMessageTemplates[m.code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = m.params?.[key];
    if (v === undefined) return whole;
    if (typeof v !== 'object') return String(v);
    return 'code' in v ? renderCheckMessage(v, lang) : v[lang];
  });
}
