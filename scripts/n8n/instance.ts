/**
 * Runs a real n8n (installed by install.sh) with this package loaded the way users load it:
 * unpacked from the package's `npm pack` tarball into `<user folder>/.n8n/nodes/node_modules`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { request } from 'undici';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const OWNER = {
	email: 'owner@smscenter.local',
	password: 'Sandbox-Owner-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

export interface N8nOptions {
	/** Throw-away folder for n8n's user data, logs and imports. */
	workDir: string;
	port?: number;
	brokerPort?: number;
	database?: { type: 'sqlite' } | { type: 'postgres'; name: string };
	logLevel?: 'debug' | 'info' | 'warn' | 'error';
	/** Extra environment, for example queue mode settings. */
	env?: Record<string, string>;
}

/**
 * The n8n the suites run on (install.sh's default, or N8N_VERSION), and the newest release of the 1.x
 * line, which the compatibility subset (test/e2e/compat1x.test.ts) runs on.
 */
export const N8N_VERSION = process.env.N8N_VERSION || '2.40.7';
export const N8N_1X_VERSION = '1.123.81';

/** The folder install.sh installs a version into; it holds `.ready` once the install is complete. */
export function n8nHome(version: string = N8N_VERSION): string {
	const cache = process.env.SMSCENTER_N8N_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-smscenter');
	return join(cache, `n8n-${version}`);
}

export function isN8nInstalled(version: string = N8N_VERSION): boolean {
	return existsSync(join(n8nHome(version), '.ready'));
}

/** Installs n8n (2.40.7 unless told) if needed and returns its home (toolchain and app folders). */
export function installN8n(version: string = N8N_VERSION): string {
	const out = execFileSync('bash', [join(__dirname, 'install.sh'), version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return out.trim().split('\n').pop() as string;
}

/** Packs the built package and unpacks it where n8n looks for installed community packages. */
export function installPackageInto(userFolder: string, workDir: string): void {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: PACKAGE_ROOT,
			encoding: 'utf8',
		}),
	)[0] as { filename: string };
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-smscenter');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', [
		'-xzf',
		join(workDir, packed.filename),
		'-C',
		target,
		'--strip-components=1',
	]);
	const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
	writeFileSync(
		join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-smscenter': '*' } },
			null,
			2,
		),
	);
}

/** Runs one SQL statement with psql as the local PostgreSQL superuser; the rows as text. */
export function psql(database: string, sql: string): string {
	return execFileSync(
		'psql',
		[
			'-h',
			'127.0.0.1',
			'-U',
			'postgres',
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-c',
			sql,
		],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	).trim();
}

export function createPostgresDatabase(name: string): void {
	psql('postgres', `DROP DATABASE IF EXISTS ${name}`);
	psql('postgres', `CREATE DATABASE ${name}`);
}

export function dropPostgresDatabase(name: string): void {
	try {
		psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	} catch {
		// The database may already be gone.
	}
}

export class N8nInstance {
	readonly home: string;
	readonly userFolder: string;
	readonly port: number;
	readonly logFile: string;
	private process?: ChildProcess;
	private cookie = '';
	private apiKeyValue = '';

	constructor(
		private readonly options: N8nOptions,
		home?: string,
	) {
		this.home = home ?? installN8n();
		this.userFolder = join(options.workDir, 'user');
		this.port = options.port ?? 5678;
		this.logFile = join(options.workDir, 'n8n.log');
		mkdirSync(this.userFolder, { recursive: true });
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		// bcryptjs as the installed n8n resolves it, the library n8n checks the owner's password with.
		const bcrypt = createRequire(join(this.home, 'app', 'package.json'))('bcryptjs') as {
			hashSync: (p: string, r: number) => string;
		};
		const hash = bcrypt.hashSync(OWNER.password, 10);
		const db = this.options.database ?? { type: 'sqlite' };
		const base: Record<string, string> = {
			PATH: `${join(this.home, 'toolchain', 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME ?? '/tmp',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'smscenter-local-encryption-key-0001',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			...this.disabledModules(),
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.options.brokerPort ?? this.port + 1),
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'info',
			N8N_LOG_OUTPUT: 'console',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: hash,
			N8N_PUBLIC_API_DISABLED: 'false',
			GENERIC_TIMEZONE: 'Asia/Jerusalem',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '60',
			...(db.type === 'postgres'
				? {
						DB_TYPE: 'postgresdb',
						DB_POSTGRESDB_POOL_SIZE: '10',
						DB_POSTGRESDB_HOST: '127.0.0.1',
						DB_POSTGRESDB_PORT: '5432',
						DB_POSTGRESDB_USER: 'postgres',
						DB_POSTGRESDB_DATABASE: db.name,
					}
				: { DB_TYPE: 'sqlite', DB_SQLITE_POOL_SIZE: '2' }),
		};
		return { ...base, ...this.options.env, ...extra };
	}

	/**
	 * The modules that call out at start (mcp-registry, from n8n 2.x) are turned off where the installed
	 * n8n has them: n8n refuses to start when told to disable a module it does not know.
	 */
	private disabledModules(): Record<string, string> {
		const modules = join(this.home, 'app', 'node_modules', 'n8n', 'dist', 'modules');
		const present = ['mcp-registry'].filter((name) => existsSync(join(modules, name)));
		return present.length > 0 ? { N8N_DISABLED_MODULES: present.join(',') } : {};
	}

	/** Runs an n8n CLI command (import, publish...) against this instance's database. */
	cli(args: string[], extraEnv: Record<string, string> = {}): string {
		const n8n = join(this.home, 'app', 'node_modules', '.bin', 'n8n');
		return execFileSync(n8n, args, {
			cwd: this.options.workDir,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(this.port + 3), ...extraEnv }),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	}

	importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	): void {
		const file = join(this.options.workDir, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		this.cli(['import:credentials', `--input=${file}`]);
		rmSync(file);
	}

	importWorkflows(workflows: object[]): void {
		const dir = join(this.options.workDir, `workflows-${Date.now()}`);
		mkdirSync(dir, { recursive: true });
		workflows.forEach((workflow, index) =>
			writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow)),
		);
		this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		rmSync(dir, { recursive: true, force: true });
	}

	/** Starts `n8n start` (or another command, for queue-mode workers) and waits until it is ready. */
	async start(
		command: string[] = ['start'],
		readyText = 'Editor is now accessible',
		extraEnv: Record<string, string> = {},
		logFile = this.logFile,
	): Promise<ChildProcess> {
		const n8n = join(this.home, 'app', 'node_modules', '.bin', 'n8n');
		const log = createWriteStream(logFile, { flags: 'a' });
		const child = spawn(n8n, command, {
			cwd: this.options.workDir,
			env: this.env(extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		if (command[0] === 'start') this.process = child;
		let output = '';
		const ready = new Promise<void>((resolveReady, reject) => {
			const onData = (chunk: Buffer) => {
				log.write(chunk);
				output += chunk.toString();
				if (output.includes(readyText)) resolveReady();
				if (output.length > 200_000) output = output.slice(-100_000);
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', onData);
			child.on('exit', (code) =>
				reject(new Error(`n8n ${command.join(' ')} exited with ${code}:\n${output.slice(-3000)}`)),
			);
		});
		const timeout = new Promise<never>((_, reject) =>
			setTimeout(
				() =>
					reject(
						new Error(`n8n ${command.join(' ')} was not ready in 180 s:\n${output.slice(-3000)}`),
					),
				180_000,
			).unref(),
		);
		const checks =
			command[0] === 'start' ? [ready, this.whenReady(child), timeout] : [ready, timeout];
		try {
			await Promise.race(checks);
			if (command[0] === 'start') await this.setUpOwner();
		} catch (error) {
			child.kill('SIGKILL');
			throw error;
		}
		return child;
	}

	/**
	 * n8n 2.x creates the owner from N8N_INSTANCE_OWNER_* at start; n8n 1.x has no such settings and
	 * asks for its owner on first use. Whatever the version, the owner is set up through REST when
	 * n8n's settings say it still waits for one.
	 */
	private async setUpOwner(): Promise<void> {
		// n8n 1.x answers readiness before its REST routes are in place (the editor's page answers them
		// until then): wait for the settings in JSON.
		let body: { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } } | undefined;
		const until = Date.now() + 60_000;
		while (!body) {
			const settings = await request(`${this.url}/rest/settings`, {
				headers: { 'browser-id': 'smscenter-tests' },
			});
			const text = await settings.body.text();
			if (
				settings.statusCode === 200 &&
				String(settings.headers['content-type']).includes('application/json')
			)
				body = JSON.parse(text) as typeof body;
			else if (Date.now() > until)
				throw new Error(`n8n's settings did not answer in JSON: HTTP ${settings.statusCode}`);
			else await new Promise((resolveWait) => setTimeout(resolveWait, 300));
		}
		if (body.data?.userManagement?.showSetupOnFirstLoad !== true) return;
		const setup = await request(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'smscenter-tests' },
			body: JSON.stringify(OWNER),
		});
		const text = await setup.body.text();
		if (setup.statusCode !== 200)
			throw new Error(
				`Setting up n8n's owner failed: HTTP ${setup.statusCode} ${text.slice(0, 300)}`,
			);
	}

	/** Resolves once n8n's readiness endpoint answers 200 (whatever the log level). */
	private async whenReady(child: ChildProcess): Promise<void> {
		while (child.exitCode === null) {
			try {
				const response = await request(`${this.url}/healthz/readiness`);
				await response.body.text();
				if (response.statusCode === 200) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolveWait) => setTimeout(resolveWait, 300));
		}
	}

	async stop(child: ChildProcess | undefined = this.process): Promise<void> {
		if (!child || child.exitCode !== null) return;
		const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
		await exited;
		clearTimeout(timer);
	}

	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	async rest<T>(
		method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
		path: string,
		body?: unknown,
	): Promise<{ status: number; json: T }> {
		if (!this.cookie && path !== '/rest/login') await this.login();
		const response = await request(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'smscenter-tests',
				cookie: this.cookie,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		return { status: response.statusCode, json: (text ? JSON.parse(text) : undefined) as T };
	}

	async login(): Promise<void> {
		const response = await request(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'smscenter-tests' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		await response.body.text();
		const setCookie = response.headers['set-cookie'];
		const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
		this.cookie = cookies.map((c) => c.split(';')[0]).join('; ');
		if (response.statusCode !== 200 || !this.cookie)
			throw new Error(`n8n login failed with HTTP ${response.statusCode}`);
	}

	/** Calls n8n's public API with an API key created for the owner. */
	async api<T>(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		body?: unknown,
	): Promise<{ status: number; json: T }> {
		if (!this.apiKeyValue) {
			const scopes = await this.rest<{ data: string[] }>('GET', '/rest/api-keys/scopes');
			const created = await this.rest<{ data: { rawApiKey: string } }>('POST', '/rest/api-keys', {
				label: `tests-${Date.now()}`,
				scopes: scopes.json.data,
				expiresAt: null,
			});
			this.apiKeyValue = created.json.data.rawApiKey;
		}
		const response = await request(`${this.url}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': this.apiKeyValue },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		return { status: response.statusCode, json: (text ? JSON.parse(text) : undefined) as T };
	}

	async activate(workflowId: string): Promise<void> {
		const result = await this.api<{ message?: string }>(
			'POST',
			`/workflows/${workflowId}/activate`,
		);
		if (result.status !== 200)
			throw new Error(
				`Activating ${workflowId} failed: HTTP ${result.status} ${JSON.stringify(result.json)}`,
			);
	}
}
