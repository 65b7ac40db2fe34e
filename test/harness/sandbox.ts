import {
	loadDefaultFixture,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/server';
import type { SandboxFixture } from '../../sandbox/types';

/**
 * A server for the enclosing describe block: started before its tests, `reset` before each test,
 * closed after them. The returned object stands for the started server (read it in tests and hooks).
 */
export function useStarted<T extends { close(): Promise<void> }>(
	start: () => Promise<T>,
	reset: (server: T) => void,
): T {
	let started: T | undefined;
	const running = (): T => {
		if (!started) throw new Error('the server is read before it started (outside a test or hook)');
		return started;
	};
	beforeAll(async () => {
		started = await start();
	});
	afterAll(async () => started?.close());
	beforeEach(() => reset(running()));
	return new Proxy({} as T, {
		get(_target, name) {
			const server = running();
			const value: unknown = Reflect.get(server, name);
			return typeof value === 'function' ? (value as () => unknown).bind(server) : value;
		},
	});
}

/** One sandbox for the enclosing describe block, reset before each test. */
export function useSandbox(options?: SandboxOptions): Sandbox {
	return useStarted(
		async () => await startSandbox(options),
		(sandbox) => sandbox.reset(),
	);
}

/** The default accounts and rules, as `change` leaves them. */
export function fixtureWith(change: (fixture: SandboxFixture) => void): SandboxFixture {
	const fixture = loadDefaultFixture();
	change(fixture);
	return fixture;
}

/** The requests the sandbox received for `operation`, in order of arrival: when, and how many messages (recipients times segments). */
export function arrivals(
	sandbox: Pick<Sandbox, 'calls'>,
	operation: string,
	segments: number,
): Array<{ at: number; messages: number }> {
	return sandbox
		.calls(operation)
		.map((call) => ({
			at: call.at.getTime(),
			messages:
				(new URLSearchParams(call.body).get('SendToPhoneNumbers') ?? '').split(',').length *
				segments,
		}))
		.sort((a, b) => a.at - b.at);
}
