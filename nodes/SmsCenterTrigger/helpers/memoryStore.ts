import { randomBytes } from 'crypto';
import type { Response } from 'express';
import { sleep, type IDataObject } from 'n8n-workflow';
import { DeliveryMemory, readStoredMemory } from './deliveryMemory';

/** Where the memory is kept in the node's static data. */
export const MEMORY_FIELD = 'deliveryMemory';
/** The format of version 0.1 (`key -> time`), replaced on the first write. */
const OLD_MEMORY_FIELD = 'seen';

/** Names this process in what it writes, so that it can tell its own stored copies from others'. */
export const WRITER = randomBytes(6).toString('base64url');

interface ProcessMemory {
	memory: DeliveryMemory;
	/** The last stored copy of another process (writer and write count) merged in. */
	merged: string;
}

/**
 * This process's memory, per workflow and node. It is the reference: n8n loads a workflow's static data
 * whole for each webhook call and saves it whole, so concurrent calls would overwrite each other's
 * additions; each call's save writes this memory as it is at that moment.
 */
const memories = new Map<string, ProcessMemory>();

export function processMemory(workflowId: string, nodeName: string): ProcessMemory {
	const id = `${workflowId}\u0000${nodeName}`;
	let entry = memories.get(id);
	if (!entry) {
		entry = { memory: new DeliveryMemory(), merged: '' };
		memories.set(id, entry);
	}
	return entry;
}

/**
 * Takes in what the stored copy knows when another process wrote it (this process after a restart, or
 * another n8n process): once per stored write, so a call whose static data this process wrote itself
 * costs nothing.
 */
export function syncFromStored(entry: ProcessMemory, nodeStaticData: IDataObject): void {
	const stored = readStoredMemory(nodeStaticData[MEMORY_FIELD]);
	if (!stored || stored.w === WRITER) return;
	const stamp = `${stored.w}:${stored.s}`;
	if (stamp === entry.merged) return;
	entry.memory.merge(stored);
	entry.merged = stamp;
}

/*
 * When n8n 2.40 saves a trigger's static data on a webhook call (read in packages/cli:
 * webhooks/live-webhooks.ts, webhooks/webhook-helpers.ts, workflow-runner.ts, and n8n-workflow's
 * observable-object.ts; seen the same in a real n8n 2.40.7, regular and queue mode):
 *
 * - n8n loads the workflow's static data from the database for each call and, in the callback that
 *   answers the call, saves it if the node changed it (`__dataChanged`). A call that starts no run
 *   (this node answers it itself) is saved right after the node returns.
 * - A call that starts a run: the callback runs only after `WorkflowRunner.run()` has taken the run
 *   (execution stored, or job queued in queue mode), and not at all if that fails. But `run()` first
 *   builds another Workflow over the same static data object, which resets its `__dataChanged` flag,
 *   so what the node changed is NOT saved. The run itself reloads static data from the database and
 *   saves only what the run's own nodes change; a queue-mode worker starts from empty static data.
 *   So a workflow that only ever receives new reports never had its memory stored.
 * - When that reset comes is not fixed: between the node's return and `run()`, n8n awaits other work
 *   (with a credential on the trigger, `checkTriggerCredentialStatus`), which takes longer the busier
 *   n8n is; the callback then comes several database round trips after the reset. So the node sets its
 *   field again every few milliseconds until n8n answers: the flag is then set when n8n checks it, and
 *   the memory is saved with the call, only if the run was taken. (Setting it more often after n8n
 *   has saved changes nothing: that static data object is dropped with the call.)
 *
 * The value put into static data serialises the process memory when n8n writes it: every write holds
 * everything this process has remembered by then, whatever the order of concurrent saves, and its
 * cost is one compact copy of the memory (no work per remembered report at call time).
 */
/** How often the fields are set again while n8n has not answered: often while n8n takes runs on, then less. */
function markInterval(youngestMs: number): number {
	if (youngestMs < 2_000) return 2;
	if (youngestMs < 10_000) return 20;
	return 250;
}
/** How long to wait for n8n's answer at most. */
const ANSWER_WAIT_MS = 10 * 60_000;

/** A hand-over waiting for n8n's answer: `tick` sets its field again, or ends it (true). */
interface Waiting {
	started: number;
	tick: (now: number) => boolean;
}

/** One timer for every hand-over of the process, so a burst of reports costs no more timers. */
const waiting = new Set<Waiting>();
let ticking = false;

async function tickWhileWaiting(): Promise<void> {
	let youngest = 0;
	while (waiting.size > 0) {
		await sleep(markInterval(youngest));
		const now = Date.now();
		youngest = Infinity;
		for (const entry of waiting) {
			if (entry.tick(now)) waiting.delete(entry);
			else youngest = Math.min(youngest, now - entry.started);
		}
	}
	ticking = false;
}

function wait(entry: Waiting): void {
	waiting.add(entry);
	if (ticking) return;
	ticking = true;
	void tickWhileWaiting();
}

/** The value put into static data: it serialises the memory when n8n writes it. */
function storedValue(memory: DeliveryMemory, onWrite?: () => void): IDataObject {
	const value = {
		toJSON: () => {
			onWrite?.();
			return memory.toStored(WRITER);
		},
	};
	return value as unknown as IDataObject;
}

/** Puts the memory into the node's static data so that n8n saves it with this call (a call that starts no run). */
export function saveWithCall(nodeStaticData: IDataObject, memory: DeliveryMemory): void {
	nodeStaticData[MEMORY_FIELD] = storedValue(memory);
	delete nodeStaticData[OLD_MEMORY_FIELD];
}

/**
 * Hands a new report's run to n8n: the key is pending until n8n's answer shows what happened.
 *
 * - n8n writes static data for this call only after it has taken the run, so that write itself proves
 *   it: the report is remembered from then on (`toJSON`).
 * - When n8n ends the response: 200 (it answers only once the run is taken) remembers it; anything
 *   else (the run could not be started) forgets it, so that the gateway's retry starts it.
 * - A caller that leaves before n8n answers (a gateway timeout under load) saw no outcome and will
 *   retry: until n8n has answered, such a retry is told to come back later rather than acknowledged.
 */
export function handOver(
	nodeStaticData: IDataObject,
	memory: DeliveryMemory,
	key: string,
	minute: number,
	response: Response,
): void {
	memory.begin(key);
	const settle = () => {
		if (!memory.isPending(key)) return;
		if (response.statusCode === 200) memory.confirm(key, minute);
		else memory.abandon(key);
	};
	const stored = storedValue(memory, () => {
		if (memory.isPending(key)) memory.confirm(key, minute);
	});
	const mark = () => {
		nodeStaticData[MEMORY_FIELD] = stored;
	};
	mark();
	delete nodeStaticData[OLD_MEMORY_FIELD];
	const started = Date.now();
	const leftEarly = () => {
		if (response.writableEnded) settle();
		else memory.callerLeft(key);
	};
	// A caller that left while n8n was still reading its call (a busy n8n) closed the response already.
	if (response.destroyed || response.socket?.destroyed !== false) leftEarly();
	else response.once('close', leftEarly);
	wait({
		started,
		tick: (now) => {
			if (response.writableEnded) {
				settle();
				return true;
			}
			if (now - started > ANSWER_WAIT_MS) {
				memory.abandon(key);
				return true;
			}
			mark();
			return false;
		},
	});
}
