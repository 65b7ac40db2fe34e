import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { isAcceptedAnswer } from '../../../shared/transport/answerRules';
import type { XmlValue } from '../../../shared/transport/responseParser';
import { readMessageIdAnswer, readSendCode } from '../../transport/answers';
import { gatewayAnswerError, isLoginRefusalError } from '../../transport/errors';
import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import { paramsUnderWindow } from '../common/sendWindow';
import { scheduleInWindow } from '../../../shared/sendWindow';
import { waitForTurn } from '../common/rateLimit';
import type { Pacer } from '../../helpers/pacer';
import type { OperationRun } from '../node.type';
import type { PlannedRequest } from './sendPlan';
import type { ItemOutcome, RequestOutcome } from './sendReconcile';

const readV2 = (result: XmlValue) => ({ response: readSendCode(result), messageId: null });

/** The request's parameters as it goes now: under a Send Window, with the delay of this moment. */
function paramsAtSend(ctx: IExecuteFunctions, request: PlannedRequest): GatewayParams {
	if (!request.window) return request.params;
	const timed = paramsUnderWindow(
		ctx,
		request.firstItem,
		request.params,
		request.window,
		Date.now(),
	);
	request.schedule = timed.schedule;
	return timed.params;
}

/**
 * Sends one planned request at most once per execution (a retry of the node finds it in the run's
 * send memory); a refusal or a failure on the way becomes a failed outcome.
 */
async function sendRequest(
	ctx: IExecuteFunctions,
	run: OperationRun,
	request: PlannedRequest,
	key: string | undefined,
	pacer: Pacer | undefined,
): Promise<RequestOutcome> {
	const itemIndexes = request.parts.map((part) => part.itemIndex);
	try {
		const answer = await run.sends.once(key, itemIndexes, async () => {
			// Only requests that really go wait for the rate limit; a retry's remembered answers do not.
			await waitForTurn(ctx, pacer, request.messages, request.firstItem);
			const read = request.method === 'SendMessageReturnMessageID' ? readMessageIdAnswer : readV2;
			const { response, messageId } = await run.caller.asmx(
				request.method,
				paramsAtSend(ctx, request),
				request.firstItem,
				read,
			);
			if (!isAcceptedAnswer(response)) {
				const context = `Sending to ${request.numbers.length} recipient(s) of item(s) ${itemIndexes.map((index) => index + 1).join(', ')} failed`;
				throw gatewayAnswerError(ctx.getNode(), response, request.firstItem, context, true);
			}
			return { code: response, messageId };
		});
		return { kind: 'sent', code: answer.code, messageId: answer.messageId };
	} catch (error) {
		return { kind: 'failed', error: error as Error };
	}
}

/**
 * Sends planned requests as they come, at most `concurrency` at once, in the order given; without
 * Continue On Fail (and always after a refused login) none starts after a failure, nor after `stop`.
 * Each request's send-memory key is taken when it is given, so a retry that gives the same requests
 * in the same order finds the same keys.
 */
export class SendDispatcher {
	readonly requests: PlannedRequest[] = [];
	private readonly outcomes: Array<Promise<RequestOutcome>> = [];
	private readonly waiting: Array<() => void> = [];
	private active = 0;
	private stopped = false;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly run: OperationRun,
		private readonly concurrency: number,
		/** The run's rate limit: each request that really goes waits for its turn. */
		private readonly pacer?: Pacer,
	) {}

	/** Whether a failure (or `stop`) ended the run's sending: no further request starts. */
	get hasStopped(): boolean {
		return this.stopped;
	}

	/** Whether a request was given that may have started. */
	get hasStarted(): boolean {
		return this.requests.length > 0;
	}

	dispatch(request: PlannedRequest): void {
		const key = this.run.sends.keyFor(request.method, request.params);
		// Under a Send Window, when the request would go out if it went now; worked out again when it goes.
		if (request.window)
			request.schedule = scheduleInWindow(
				request.window.window,
				Date.now(),
				request.window.earliestAt,
			);
		this.requests.push(request);
		this.outcomes.push(this.slot(() => sendRequest(this.ctx, this.run, request, key, this.pacer)));
	}

	stop(): void {
		this.stopped = true;
	}

	/** The outcome of every request given, in the order given. */
	async settle(): Promise<RequestOutcome[]> {
		return await Promise.all(this.outcomes);
	}

	private async slot(send: () => Promise<RequestOutcome>): Promise<RequestOutcome> {
		if (this.active >= this.concurrency)
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.active++;
		try {
			if (this.stopped) return { kind: 'notStarted' };
			const outcome = await send();
			// A refused login stops the run's further requests even under Continue On Fail: each would be refused too.
			if (
				outcome.kind === 'failed' &&
				(!this.ctx.continueOnFail() || isLoginRefusalError(outcome.error))
			)
				this.stopped = true;
			return outcome;
		} finally {
			// The slot passes to the next waiting request, or frees.
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
	}
}

/** The error of an item whose requests did not all go through, saying (unless `sayPart` is false) which of them did. */
export function itemError(
	ctx: IExecuteFunctions,
	outcome: Exclude<ItemOutcome, { kind: 'sent' }>,
	sayPart = true,
): Error {
	const error =
		outcome.kind === 'failed'
			? outcome.error
			: new NodeOperationError(
					ctx.getNode(),
					`Item ${outcome.itemIndex + 1}: not sent because an earlier request of this run failed`,
					{ itemIndex: outcome.itemIndex },
				);
	if (sayPart && outcome.sentParts > 0) {
		const ids =
			outcome.sentMessageIds.length > 0
				? `: message ID(s) ${outcome.sentMessageIds.join(', ')}`
				: '';
		const described = error as { description?: string };
		described.description =
			`${described.description ?? ''} Part of this item was sent${ids}.`.trim();
	}
	return error;
}
