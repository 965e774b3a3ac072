// How each course image built on debian:trixie is made: the Debian packages installed by its
// images/<repo>/setup, the package whose version its label names, and the official image's runtime
// settings (ENTRYPOINT, CMD, ENV, EXPOSE, STOPSIGNAL, VOLUME, WORKDIR) as Dockerfile lines.

export interface DebianRecipe {
  repo: string;
  packages: string[];
  mainPackage: string;
  changes: string[];
}

export const DEBIAN_RECIPES: DebianRecipe[] = [
  {
    repo: 'nginx',
    packages: ['nginx', 'curl'],
    mainPackage: 'nginx',
    changes: ['EXPOSE 80', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx", "-g", "daemon off;"]'],
  },
  {
    repo: 'registry',
    packages: ['docker-registry'],
    mainPackage: 'docker-registry',
    changes: [
      'EXPOSE 5000',
      'VOLUME /var/lib/registry',
      'ENTRYPOINT ["docker-registry", "serve"]',
      'CMD ["/etc/docker/registry/config.yml"]',
    ],
  },
  {
    repo: 'redis',
    packages: ['redis-server', 'gosu'],
    mainPackage: 'redis-server',
    changes: [
      'WORKDIR /data',
      'VOLUME /data',
      'EXPOSE 6379',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'CMD ["redis-server"]',
    ],
  },
  {
    repo: 'python',
    // flask (with requests) comes installed, so `pip install flask` is satisfied offline.
    packages: [
      'python3',
      'python3-pip',
      'python3-venv',
      'python-is-python3',
      'python3-flask',
      'python3-requests',
    ],
    mainPackage: 'python3',
    changes: [
      'ENV LANG=C.UTF-8 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PYTHONDONTWRITEBYTECODE=1',
      'CMD ["python3"]',
    ],
  },
  {
    repo: 'node',
    packages: ['nodejs', 'npm'],
    mainPackage: 'nodejs',
    changes: ['ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
  },
  {
    repo: 'golang',
    packages: ['golang-go', 'ca-certificates'],
    mainPackage: 'golang-go',
    changes: [
      // No C compiler: `go build` makes static binaries (CGO_ENABLED defaults to 0), ready for FROM scratch.
      'ENV GOPATH=/go GOTOOLCHAIN=local PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'WORKDIR /go',
    ],
  },
  {
    repo: 'httpd',
    packages: ['apache2'],
    mainPackage: 'apache2',
    changes: ['WORKDIR /usr/local/apache2', 'EXPOSE 80', 'STOPSIGNAL SIGWINCH', 'CMD ["httpd-foreground"]'],
  },
  {
    repo: 'postgres',
    packages: ['postgresql-17', 'gosu'],
    mainPackage: 'postgresql-17',
    changes: [
      'ENV PG_MAJOR=17 LANG=C.UTF-8 PGDATA=/var/lib/postgresql/data PATH=/usr/lib/postgresql/17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'VOLUME /var/lib/postgresql/data',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'STOPSIGNAL SIGINT',
      'EXPOSE 5432',
      'CMD ["postgres"]',
    ],
  },
];
