/** Numbered steps with their duration, for the scripts a person watches (`npm start`, the screenshot). */
export type StepRunner = <T>(
	label: string,
	work: () => T | Promise<T>,
	options?: StepOptions,
) => Promise<T>;

export interface StepOptions {
	/** The step writes its own progress lines (the n8n install): start it on a line of its own. */
	ownProgress?: boolean;
}

/** Runs a step without showing anything (the default of `startDemo`). */
export const quietSteps: StepRunner = async (_label, work) => await work();

function seconds(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * Shows `[n/total] label` when a step starts and its duration when it ends. On a terminal the line
 * counts the seconds while the step runs (steps that wait on another process); in a log it is written
 * once at the start and once at the end.
 */
export function showSteps(total: number, out: NodeJS.WriteStream = process.stderr): StepRunner {
	let index = 0;
	return async (label, work, options = {}) => {
		const prefix = `[${++index}/${total}] ${label}`;
		const started = Date.now();
		const live = out.isTTY === true && options.ownProgress !== true;
		out.write(live ? `${prefix}...` : `${prefix}...\n`);
		const timer = live
			? setInterval(
					() => out.write(`\r\x1b[K${prefix}... ${Math.floor((Date.now() - started) / 1000)} s`),
					1000,
				)
			: undefined;
		try {
			const result = await work();
			if (timer) clearInterval(timer);
			out.write(`${live ? '\r\x1b[K' : ''}${prefix}: done in ${seconds(Date.now() - started)}\n`);
			return result;
		} catch (error) {
			if (timer) clearInterval(timer);
			out.write(
				`${live ? '\r\x1b[K' : ''}${prefix}: failed after ${seconds(Date.now() - started)}\n`,
			);
			throw error;
		}
	};
}
