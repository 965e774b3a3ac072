import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { agentConfig } from '../../sandbox-agent/src/config.ts';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { APT_ARCHIVE } from '../../sandbox-agent/src/host/apt-archive.ts';
import { engineDaemonConfig } from '../../sandbox-agent/src/host/sandbox-engine.ts';
import { describeSandboxFirewall } from '../../sandbox-agent/src/network/sandbox-firewall.ts';
import { diskPaths } from '../../sandbox-agent/src/sandboxes/sandbox-disk.ts';
import { loadConfig } from '../../server/config.ts';
import { testSandboxId } from '../support/sandbox-agent-harness.ts';
import { assertVictimWorks, type HostileSetup, LIMITS, startHostileSandboxes } from './hostile-sandboxes.ts';

// A hostile learner with root in their sandbox tries to get out: host processes, devices, sysctls,
// their own limits, Docker sockets, host services, the control plane, another sandbox, the outside.
// Every attempt must fail while the host and a second sandbox keep working.

const run = promisify(execFile);
const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );
let s: HostileSetup;

before(async () => {
  s = await startHostileSandboxes();
});
after(async () => {
  await s?.cleanup();
});

describe('a hostile learner cannot leave the sandbox', () => {
  test('host processes are invisible', async (t) => {
    const marker = `berth-host-marker-${process.pid}`;
    const host = spawn('bash', ['-c', `exec -a ${marker} sleep 120`], { stdio: 'ignore' });
    try {
      const r = await s.sh(
        s.attacker,
        `echo "procs=$(ls -d /proc/[0-9]* | wc -l)"; cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' ' | grep -c '${marker.replace('marker', '[m]arker')}' || true; ps -e -o comm= | sort -u | tr '\\n' ' '`,
      );
      t.diagnostic(`tried: list /proc and look for a host process named ${marker}; saw: ${r.output.trim()}`);
      const [procs, hits] = r.output.split('\n');
      const onHost = await run('pgrep', ['-f', marker]).then(
        (o) => o.stdout.trim(),
        () => '',
      );
      assert.ok(onHost, 'sanity: the host sees its own marker process');
      assert.equal(hits, '0', 'a host process is visible');
      assert.ok(Number(procs?.split('=')[1]) < 100, 'more processes than one sandbox runs');
      t.diagnostic('stopped by: the node has its own PID namespace');
    } finally {
      host.kill();
    }
  });

  test('host block devices cannot be created or mounted; host files stay out of reach', async (t) => {
    const secret = `/root/berth-secret-${process.pid}`;
    await fs.writeFile(secret, 'host-secret');
    try {
      const r = await s.sh(
        s.attacker,
        [
          'mkdir -p /tmp/m',
          'for d in "7 0" "8 0" "252 0" "253 0" "254 0"; do',
          '  if mknod /dev/berth-blk b $d 2>&1; then',
          '    head -c 1 /dev/berth-blk >/dev/null 2>&1 && echo "READ $d"',
          '    mount /dev/berth-blk /tmp/m 2>&1 && echo "MOUNTED $d"',
          '    rm -f /dev/berth-blk',
          '  fi',
          'done',
          `cat ${secret} 2>&1`,
          'find / -xdev -name "berth-secret-*" 2>/dev/null | sed "s/^/FOUND /" | head -3',
          // open_by_handle_at is how "shocker" read host files from a container.
          'perl -e \'syscall(304, -100, 0, 0); print "open_by_handle_at errno=", $!+0, "\\n"\'',
          // The node's root is writable (an overlay on the sandbox disk): the image under it must not be.
          'mount -o remount,rw / 2>&1; touch /usr/local/bin/pwned 2>&1 && echo "wrote the node root"',
        ].join('\n'),
      );
      t.diagnostic(
        `tried: mknod + read + mount of loop/sd/vd devices, read a host file, open_by_handle_at, remount / rw; saw:\n${r.output.trim()}`,
      );
      assert.doesNotMatch(r.output, /READ |MOUNTED |host-secret|FOUND /);
      assert.match(r.output, /open_by_handle_at errno=1\b/);
      // The write landed in the sandbox's own disk, not in the node image on the host.
      // @types/dockerode types GraphDriver.Data as devicemapper's; overlay2 reports MergedDir there.
      const graph = (await s.h.engine.inspectContainer(s.attacker.container))?.GraphDriver.Data;
      const merged = (graph as Record<string, string> | undefined)?.MergedDir;
      assert.ok(merged, 'sanity: the node has an overlay root on the host');
      assert.equal(
        await exists(path.join(merged, 'usr/local/bin/pwned')),
        false,
        'the node image was written',
      );
      const upper = path.join(
        diskPaths(s.h.settings.sandboxesDir, s.attacker.id).mountPoint,
        'node1/rootfs/upper',
      );
      assert.equal(
        await exists(path.join(upper, 'usr/local/bin/pwned')),
        /wrote the node root/.test(r.output),
      );
      await s.sh(s.attacker, 'rm -f /usr/local/bin/pwned');
      t.diagnostic(
        'stopped by: user namespace (no device nodes), devices cgroup, seccomp EPERM, a read-only image under an overlay whose upper layer is the sandbox disk',
      );
    } finally {
      await fs.rm(secret, { force: true });
    }
  });

  test('core_pattern and other host sysctls cannot be written', async (t) => {
    const files = [
      '/proc/sys/kernel/core_pattern',
      '/proc/sys/kernel/randomize_va_space',
      '/proc/sys/vm/swappiness',
    ];
    const before = await Promise.all(files.map((f) => fs.readFile(f, 'utf8')));
    const r = await s.sh(
      s.attacker,
      [
        "echo '|/tmp/pwn' > /proc/sys/kernel/core_pattern && echo WROTE core_pattern",
        // A fresh proc mount reaches the host's core_pattern when a node has SYS_ADMIN without userns-remap.
        "mkdir -p /tmp/p && mount -t proc proc /tmp/p && echo '|/tmp/pwn' > /tmp/p/sys/kernel/core_pattern && echo WROTE fresh-proc core_pattern",
        'echo 0 > /proc/sys/kernel/randomize_va_space && echo WROTE randomize_va_space',
        'echo 100 > /proc/sys/vm/swappiness && echo WROTE swappiness',
        'echo 3 > /proc/sys/vm/drop_caches && echo WROTE drop_caches',
        'echo h > /proc/sysrq-trigger && echo WROTE sysrq',
        'sysctl -w kernel.panic=1 2>&1',
      ].join('\n'),
    );
    t.diagnostic(
      `tried: write core_pattern (directly and through a fresh proc), ASLR, swappiness, drop_caches, sysrq, kernel.panic; saw:\n${r.output.trim()}`,
    );
    assert.doesNotMatch(r.output, /WROTE/);
    assert.deepEqual(await Promise.all(files.map((f) => fs.readFile(f, 'utf8'))), before);
    t.diagnostic('stopped by: user namespace — host sysctls belong to the initial namespace');
  });

  test('seccomp refuses kernel-wide syscalls (keyctl answers ENOSYS)', async (t) => {
    const calls: Record<string, number> = {
      kexec_load: 246,
      kexec_file_load: 320,
      init_module: 175,
      finit_module: 313,
      delete_module: 176,
      name_to_handle_at: 303,
      reboot: 169,
      swapon: 167,
      swapoff: 168,
      acct: 163,
      settimeofday: 164,
      clock_settime: 227,
      adjtimex: 159,
      iopl: 172,
      ioperm: 173,
      quotactl: 179,
      syslog: 103,
      perf_event_open: 298,
      fanotify_init: 300,
      bpf: 321,
      add_key: 248,
      request_key: 249,
      keyctl: 250,
    };
    // Invalid arguments on purpose: without the filter most of these would fail with EINVAL/EFAULT instead.
    const perl = Object.entries(calls)
      .map(([n, nr]) => `syscall(${nr}, 0, 0, 0, 0, 0); print "${n}=", $!+0, "\\n";`)
      .join(' ');
    const r = await s.sh(s.attacker, `grep Seccomp: /proc/self/status; perl -e '${perl}'`);
    t.diagnostic(`tried: each syscall with junk arguments; errno seen:\n${r.output.trim()}`);
    assert.match(r.output, /Seccomp:\s+2/);
    for (const n of Object.keys(calls)) {
      const want = ['add_key', 'request_key', 'keyctl'].includes(n) ? 38 : 1;
      assert.match(r.output, new RegExp(`^${n}=${want}$`, 'm'), `${n} should fail with errno ${want}`);
    }
    t.diagnostic('stopped by: the node seccomp profile (sandbox-agent/src/sandboxes/node-seccomp.json)');
  });

  test('the sandbox cannot raise its own limits or see its parent cgroup', async (t) => {
    const r = await s.sh(
      s.attacker,
      [
        'cd /sys/fs/cgroup',
        'echo -1 > memory/memory.limit_in_bytes && echo RAISED memory',
        'echo -1 > memory/memory.memsw.limit_in_bytes && echo RAISED memsw',
        'echo max > pids/pids.max && echo RAISED pids',
        'echo -1 > cpu/cpu.cfs_quota_us && echo RAISED cpu',
        // A child cgroup it owns may say anything; the kernel still applies every ancestor's limit.
        'mkdir -p memory/escape && echo 8G > memory/escape/memory.limit_in_bytes && echo "child says $(cat memory/escape/memory.limit_in_bytes)"',
        'rmdir memory/escape',
        'mkdir -p /tmp/cg && mount -t cgroup -o memory cg /tmp/cg 2>&1 && echo "fresh mount root limit $(cat /tmp/cg/memory.limit_in_bytes)"',
        "echo \"self: $(tr '\\n' ' ' </proc/self/cgroup)\"",
      ].join('\n'),
    );
    t.diagnostic(
      `tried: write memory/memsw/pids/cpu limits, escape via a child cgroup and a fresh cgroup mount; saw:\n${r.output.trim()}`,
    );
    assert.doesNotMatch(r.output, /RAISED/);
    assert.doesNotMatch(r.output, /berth|t\d+-/, 'the host cgroup path leaks into the sandbox');
    const mib = LIMITS.memoryMb * 1024 * 1024;
    for (const node of [true, false]) {
      assert.equal(Number(await s.readCgroup('memory', s.attacker, 'memory.limit_in_bytes', node)), mib);
      assert.equal(Number(await s.readCgroup('pids', s.attacker, 'pids.max', node)), LIMITS.pids);
      assert.equal(
        Number(await s.readCgroup('cpu', s.attacker, 'cpu.cfs_quota_us', node)),
        LIMITS.cpus * 100_000,
      );
    }
    t.diagnostic(
      `stopped by: limit files owned by host root (not delegated); the per-sandbox parent ${s.cgroupDir('memory', s.attacker)} is outside the cgroup namespace and still holds ${LIMITS.memoryMb} MiB / ${LIMITS.pids} pids / ${LIMITS.cpus} CPU`,
    );
  });

  test('host Docker sockets and the sandbox engine are out of reach', async (t) => {
    const r = await s.sh(
      s.attacker,
      [
        `ls -la ${agentConfig().BERTH_ENGINE_SOCKET} /run/berth /var/lib/berth 2>&1`,
        'echo "inner engine id: $(docker info -f {{.ID}} 2>/dev/null)"',
        "gw=$(ip route | awk '/default/{print $3}')",
        'for p in 2375 2376; do timeout 3 bash -c "exec 3<>/dev/tcp/$gw/$p" 2>/dev/null && echo "OPEN $gw:$p" || echo "closed $gw:$p"; done',
      ].join('\n'),
    );
    t.diagnostic(`tried: the sandbox engine socket, the host engine over TCP; saw:\n${r.output.trim()}`);
    const sandboxEngine = await new Docker({ socketPath: agentConfig().BERTH_ENGINE_SOCKET }).info();
    const hostEngine = await new Docker({ socketPath: '/var/run/docker.sock' }).info().catch(() => undefined);
    const innerId = r.output.match(/inner engine id: (\S+)/)?.[1];
    assert.ok(innerId, 'the inner engine answers');
    assert.notEqual(innerId, sandboxEngine.ID);
    assert.notEqual(innerId, hostEngine?.ID);
    assert.doesNotMatch(r.output, /OPEN /);
    assert.match(r.output, /No such file or directory/);
    t.diagnostic(
      'stopped by: the node sees only its own engine; no host socket is mounted; INPUT drop on the bridge',
    );
  });

  test('host services, the agent and the control plane ports are unreachable', async (t) => {
    const server = http.createServer((_req, res) => res.end('host-secret'));
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as AddressInfo).port;
    const config = loadConfig(process.env);
    const ports = [port, config.PORT, agentConfig().BERTH_AGENT_PORT, 2024, 22, 6379, 5432];
    const hostIps = Object.entries(os.networkInterfaces())
      .filter(([name]) => !name.startsWith('bth-') && name !== 'lo')
      .flatMap(([, addrs]) => (addrs ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address));
    try {
      // Sanity: the service answers from the host itself.
      const local = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      assert.equal(local, 'host-secret');
      const r = await s.sh(
        s.attacker,
        [
          "gw=$(ip route | awk '/default/{print $3}')",
          `for ip in $gw ${hostIps.join(' ')}; do for p in ${ports.join(' ')}; do`,
          '  ( timeout 3 bash -c "exec 3<>/dev/tcp/$ip/$p" 2>/dev/null && echo "OPEN $ip:$p" || echo "dropped $ip:$p" ) &',
          'done; done; wait',
          `curl -s --max-time 3 http://$gw:${port}/ || echo "curl: no answer"`,
        ].join('\n'),
        30_000,
      );
      t.diagnostic(
        `tried: TCP to the gateway and every host IPv4 on ports ${ports.join(', ')}; saw:\n${r.output.trim()}`,
      );
      assert.doesNotMatch(r.output, /OPEN |host-secret/);
      t.diagnostic('stopped by: BERTH-SANDBOX on INPUT (-i bth-+): only replies are accepted');
    } finally {
      server.close();
    }
  });

  test('the apt archive serves this sandbox read-only, relays nothing and opens no other port', async (t) => {
    const aptPort = s.h.settings.aptPort;
    const agentPort = agentConfig().BERTH_AGENT_PORT;
    const listed = path.join(APT_ARCHIVE.root, 'packages.txt');
    const before = await fs.readFile(listed, 'utf8');
    const r = await s.sh(
      s.attacker,
      [
        "gw=$(getent hosts berth-apt | awk '{print $1}')",
        'code() { curl -s -o /dev/null --max-time 3 -w "%{http_code}" "$@"; echo; }',
        'echo "GET $(code http://berth-apt/packages.txt)"',
        `echo "GET-direct $(code http://$gw:${aptPort}/packages.txt)"`,
        'for m in PUT POST DELETE PATCH; do echo "$m $(code -X $m --data-binary evil http://berth-apt/packages.txt)"; done',
        'echo "UPLOAD $(code -T /etc/hostname http://berth-apt/debian/evil.deb)"',
        'echo "TRAVERSAL $(code --path-as-is http://berth-apt/../../../../etc/shadow)"',
        // As an HTTP proxy: an absolute URI and a CONNECT tunnel to the agent on the host's loopback.
        `echo "PROXY $(code --proxy http://berth-apt:80 http://127.0.0.1:${agentPort}/)"`,
        `echo "CONNECT $(code -p --proxy http://berth-apt:80 http://127.0.0.1:${agentPort}/)"`,
        'for p in 81 443 8080; do ( timeout 3 bash -c "exec 3<>/dev/tcp/$gw/$p" 2>/dev/null && echo "OPEN $p" || echo "dropped $p" ) & done; wait',
      ].join('\n'),
      60_000,
    );
    t.diagnostic(
      `tried: writes, traversal, proxying and other gateway ports via berth-apt; saw:\n${r.output.trim()}`,
    );
    const status = (what: string) => new RegExp(`^${what} (\\d+)$`, 'm').exec(r.output)?.[1];
    assert.equal(status('GET'), '200', 'sanity: the sandbox reads the archive');
    assert.equal(status('GET-direct'), '200');
    for (const m of ['PUT', 'POST', 'DELETE', 'PATCH', 'UPLOAD']) assert.equal(status(m), '501', m);
    for (const m of ['TRAVERSAL', 'PROXY', 'CONNECT']) assert.notEqual(status(m), '200', m);
    assert.doesNotMatch(r.output, /OPEN /);
    assert.equal(await fs.readFile(listed, 'utf8'), before, 'the archive changed');
    await assert.rejects(fs.stat(path.join(APT_ARCHIVE.repo, 'evil.deb')));
    t.diagnostic(
      'stopped by: BusyBox httpd serves static GET/HEAD only (501 otherwise), has no proxy mode and runs as nobody over a root-owned archive; only port 80 is redirected to it',
    );
  });

  test('another sandbox is unreachable while the host can reach it', async (t) => {
    // The victim serves HTTP on its node (published from an inner container).
    await s.sh(s.victim, 'docker run -d --name web -p 8080:80 busybox httpd -f -p 80 -h /etc');
    const fromHost = await fetch(`http://${s.victim.ip}:8080/hostname`)
      .then((r) => r.status)
      .catch(() => 0);
    assert.equal(fromHost, 200, 'sanity: the victim serves on 8080');
    const r = await s.sh(
      s.attacker,
      [
        `ping -c 1 -W 2 ${s.victim.ip} >/dev/null 2>&1 && echo "PING OK" || echo "ping: no reply"`,
        `curl -s --max-time 3 -o /dev/null -w "HTTP %{http_code}\\n" http://${s.victim.ip}:8080/hostname || true`,
        `docker run --rm busybox wget -q -T 3 -O- http://${s.victim.ip}:8080/hostname 2>&1 || echo "inner container: no answer"`,
      ].join('\n'),
    );
    t.diagnostic(
      `tried: ping and HTTP to the other sandbox ${s.victim.ip} from the node and from an inner container; saw:\n${r.output.trim()}`,
    );
    assert.doesNotMatch(r.output, /PING OK|HTTP 200/);
    await assertVictimWorks(s);
    t.diagnostic(
      'stopped by: each sandbox on its own bridge; FORWARD between bth-* bridges hits BERTH-SANDBOX DROP',
    );
  });

  test("ssh reaches only the sandbox's own nodes: another sandbox's sshd is unreachable and its key differs", async (t) => {
    const key = async (id: string) =>
      fs.readFile(
        path.join(diskPaths(s.h.settings.sandboxesDir, id).mountPoint, 'node1/root/.ssh/id_ed25519.pub'),
        'utf8',
      );
    const own = await s.sh(s.victim, 'ssh -o BatchMode=yes node1 echo own-ssh-ok 2>&1');
    assert.match(own.output, /own-ssh-ok/, 'sanity: a node logs in to its own sandbox');
    const r = await s.sh(
      s.attacker,
      [
        `timeout 4 bash -c '</dev/tcp/${s.victim.ip}/22' 2>&1 && echo "PORT 22 OPEN" || echo "port 22: no answer"`,
        `ssh -o BatchMode=yes -o ConnectTimeout=3 ${s.victim.ip} echo SSH-IN 2>&1 || true`,
      ].join('\n'),
    );
    t.diagnostic(
      `tried: TCP to the other sandbox's port 22 and ssh with this sandbox's key; saw:\n${r.output.trim()}`,
    );
    assert.doesNotMatch(r.output, /PORT 22 OPEN|SSH-IN/);
    assert.notEqual(await key(s.attacker.id), await key(s.victim.id), 'two sandboxes share an ssh key');
    t.diagnostic(
      'stopped by: the sandbox firewall between bth-* bridges; a key pair per sandbox (sandbox-ssh-key.ts)',
    );
  });

  test('an engine restart, or a dockerd the learner starts with other flags, opens nothing', async (t) => {
    const engineState =
      'p=$(cat /run/berth-engine/dockerd.pid); grep -E "^(CapEff|CapBnd|Seccomp|NoNewPrivs):" /proc/$p/status | tr "\\t" " "';
    const before = await s.sh(s.attacker, engineState);
    const r = await s.sh(
      s.attacker,
      [
        'systemctl restart docker && echo restarted',
        engineState,
        'cd /sys/fs/cgroup && echo max > pids/pids.max 2>/dev/null && echo RAISED pids',
        'echo -1 > memory/memory.limit_in_bytes 2>/dev/null && echo RAISED memory',
        // Another engine, started by hand with flags of the learner's choosing, is one more process in the node.
        'mkdir -p /srv/d2 && echo {} >/srv/d2.json && (dockerd --config-file /srv/d2.json --data-root /srv/d2 --storage-driver vfs -H unix:///run/d2.sock --pidfile /run/d2.pid --exec-root /run/d2 --bridge none --iptables=false --cgroup-parent / >/tmp/d2.log 2>&1 &)',
        'for i in $(seq 100); do docker -H unix:///run/d2.sock info >/dev/null 2>&1 && echo "second engine up" && break; sleep 0.2; done',
        'docker save busybox | docker -H unix:///run/d2.sock load >/dev/null',
        'docker -H unix:///run/d2.sock run --rm --privileged busybox true 2>/dev/null && echo PRIVILEGED-RAN',
        'docker -H unix:///run/d2.sock run --rm --cap-add SYS_MODULE busybox true 2>/dev/null && echo SYS_MODULE-RAN',
        // That engine took the node's docker0 away with it: a restart of the node's own engine brings it back.
        'kill $(cat /run/d2.pid); while [ -e /run/d2.pid ]; do sleep 0.2; done; systemctl restart docker',
        'docker run --rm busybox echo engine-ok',
      ].join('\n'),
      120_000,
    );
    t.diagnostic(
      `before: ${before.output.trim()}\ntried: systemctl restart docker, raise limits, a second dockerd with --cgroup-parent / and --privileged; saw:\n${r.output.trim()}`,
    );
    assert.match(r.output, /restarted/);
    assert.ok(before.output.includes('CapEff'), before.output);
    assert.ok(
      r.output.includes(before.output.trim()),
      'the restarted engine has other capabilities or seccomp',
    );
    assert.doesNotMatch(r.output, /RAISED|PRIVILEGED-RAN|SYS_MODULE-RAN/);
    assert.match(r.output, /second engine up/);
    assert.match(r.output, /engine-ok/);
    const mib = LIMITS.memoryMb * 1024 * 1024;
    assert.equal(Number(await s.readCgroup('memory', s.attacker, 'memory.limit_in_bytes')), mib);
    assert.equal(Number(await s.readCgroup('pids', s.attacker, 'pids.max')), LIMITS.pids);
    await assertVictimWorks(s);
    t.diagnostic(
      'stopped by: dockerd is a child of the node supervisor in the same container — same capabilities, seccomp, user namespace and host cgroup whoever starts it, with whatever flags',
    );
  });

  test('nothing off the machine is routable (routes and rules only, no traffic sent)', async (t) => {
    const routes = await s.sh(s.attacker, 'ip route; ip -6 route 2>/dev/null');
    const v4 = await describeSandboxFirewall('iptables');
    const v6 = await describeSandboxFirewall('ip6tables');
    const nat = (await run('iptables', ['-w', '-t', 'nat', '-S'])).stdout;
    const forward = (await run('iptables', ['-w', '-S', 'FORWARD'])).stdout.split('\n');
    t.diagnostic(
      `sandbox routes:\n${routes.output.trim()}\nhost rules (v4):\n${v4}\nhost rules (v6):\n${v6}`,
    );
    for (const rules of [v4, v6]) {
      assert.match(rules, /-A INPUT -i bth-\+ -j BERTH-SANDBOX/);
      assert.match(rules, /-A FORWARD -i bth-\+ -j BERTH-SANDBOX/);
      assert.match(rules, /-A FORWARD -o bth-\+ -j BERTH-SANDBOX/);
      assert.match(rules, /-A BERTH-SANDBOX -j DROP\s*$/);
      assert.doesNotMatch(rules, /--dport \d+ -j ACCEPT/, 'a port open towards any destination');
    }
    // Our jump comes before any ACCEPT another engine may have put on FORWARD.
    const ours = forward.findIndex((l) => l.includes('-i bth-+ -j BERTH-SANDBOX'));
    const firstAccept = forward.findIndex((l) => l.includes('-j ACCEPT'));
    assert.ok(ours >= 0 && (firstAccept < 0 || ours < firstAccept));
    // The only NAT rules for sandboxes, both to the host itself: DNS to the NXDOMAIN responder and port 80
    // to the offline apt archive.
    const natForSandboxes = nat.split('\n').filter((l) => /10\.210\.|bth-|BERTH-SANDBOX-(DNS|APT)/.test(l));
    assert.deepEqual(natForSandboxes.sort(), [
      '-A BERTH-SANDBOX-APT -p tcp -m tcp --dport 80 -m addrtype --dst-type LOCAL -j REDIRECT --to-ports ' +
        `${s.h.settings.aptPort}`,
      `-A BERTH-SANDBOX-DNS -p udp -m udp --dport 53 -m addrtype --dst-type LOCAL -j REDIRECT --to-ports ${s.h.settings.dnsPort}`,
      '-A PREROUTING -i bth-+ -j BERTH-SANDBOX-APT',
      '-A PREROUTING -i bth-+ -j BERTH-SANDBOX-DNS',
      '-N BERTH-SANDBOX-APT',
      '-N BERTH-SANDBOX-DNS',
    ]);
    assert.doesNotMatch(nat, /MASQUERADE|SNAT|DNAT/, 'no address translation off the host');
    const daemon = engineDaemonConfig(agentConfig().BERTH_ENGINE_SOCKET);
    assert.equal(daemon['ip-masq'], false);
    assert.equal(daemon.iptables, false);
    const defaults = routes.output.split('\n').filter((l) => l.startsWith('default'));
    assert.equal(defaults.length, 1, 'one default route, via the sandbox bridge gateway');
    t.diagnostic(
      'stopped by: no masquerade for 10.210.0.0/16; FORWARD from bth-* dropped (IPv4 and IPv6); DNS answered NXDOMAIN on the host',
    );
  });

  test('a sandbox past its expiry is removed by the agent reaper', async (t) => {
    const id = testSandboxId();
    await s.h.manager.create({
      id,
      owner: 'attacker',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 500),
    });
    const container = s.h.manager.nodeContainer(id, 'node1');
    await s.h.engine.exec(container, ['bash', '-lc', 'nohup sleep 3600 >/dev/null 2>&1 &'], {
      timeoutMs: 10_000,
    });
    await new Promise((r) => setTimeout(r, 700));
    const { reaped } = await s.h.manager.reapExpired(0);
    t.diagnostic(`tried: keep a process running past the TTL; the reaper removed ${reaped.join(', ')}`);
    assert.ok(reaped.includes(id));
    assert.equal((await s.h.engine.listContainers({ [LABEL.sandbox]: id })).length, 0);
    await assert.rejects(fs.stat(diskPaths(s.h.settings.sandboxesDir, id).image));
    await assert.rejects(fs.stat(`/sys/fs/cgroup/memory/${s.h.settings.cgroupParent}/${id}`));
    await assertVictimWorks(s);
  });
});
