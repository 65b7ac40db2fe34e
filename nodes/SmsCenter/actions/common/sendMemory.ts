import { createHash } from 'node:crypto';
import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import { MAY_HAVE_REACHED, provesNothingSent } from '../../transport/errors';
import { processSendLedger, type SendLedger } from '../../transport/sendLedger';
import { itemNumbers } from './sentItems';

/** What a send request came to when the gateway accepted it. */
export interface SentAnswer {
	code: string;
	messageId: string | null;
}

/** Parameters computed from the clock when the request goes. */
const TIME_DERIVED = new Set(['DeliveryDelayInMinutes', 'ExpirationDelayInMinutes']);

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * What n8n's Retry On Fail repeats: the same execution, the same node, the same run of that node
 * (a retry keeps the run index; a loop or a Wait that runs the node again does not).
 */
function retryScope(ctx: IExecuteFunctions): string | undefined {
	const executionId = ctx.getExecutionId();
	if (typeof executionId !== 'string' || executionId === '') return undefined;
	let runIndex = 0;
	try {
		runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex) || 0;
	} catch {
		runIndex = 0;
	}
	return JSON.stringify([executionId, ctx.getNode().id, runIndex]);
}

/**
 * The send requests of one run of the node, remembered in the process's ledger so that a retry of
 * the same run finds them: what the gateway accepted is not sent again (its answer is returned), what
 * ended without a clear answer is refused, and what provably failed goes again. A request is known
 * by a digest of its content (method, sender, text, recipients, options: never the login, which the
 * credential adds on the way) and by how often the same content came before it in the run.
 */
export class RunSendMemory {
	private readonly occurrences = new Map<string, number>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly ledger: SendLedger,
		private readonly scope: string | undefined,
	) {}

	static forRun(ctx: IExecuteFunctions): RunSendMemory {
		return new RunSendMemory(ctx, processSendLedger, retryScope(ctx));
	}

	/** The key of the next request with this content; undefined when the run has no execution to belong to. */
	keyFor(method: string, params: GatewayParams): string | undefined {
		if (this.scope === undefined) return undefined;
		// The delay and expiration are left out: under Send At or a Send Window they are worked out
		// from the clock, so a retry minutes later carries other numbers for the same request.
		const content = digest(
			JSON.stringify([method, params.filter(([name]) => !TIME_DERIVED.has(name))]),
		);
		const occurrence = this.occurrences.get(content) ?? 0;
		this.occurrences.set(content, occurrence + 1);
		return digest(JSON.stringify([this.scope, content, occurrence]));
	}

	/**
	 * Sends at most once per execution. `send` resolves with an accepted answer or throws; the
	 * outcome is written down for a retry. `items` are the 0-based indexes the request carries.
	 */
	async once(
		key: string | undefined,
		items: number[],
		send: () => Promise<SentAnswer>,
	): Promise<SentAnswer> {
		if (key === undefined) return await send();
		const earlier = this.ledger.get(key);
		if (earlier?.outcome === 'sent') return { code: earlier.code, messageId: earlier.messageId };
		if (earlier?.outcome === 'unknown') throw this.notRepeated(items, earlier.reason);
		try {
			const answer = await send();
			this.ledger.set(key, { outcome: 'sent', code: answer.code, messageId: answer.messageId });
			return answer;
		} catch (error) {
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.ctx.getNode(), error as Error);
			if (provesNothingSent(failure)) this.ledger.delete(key);
			else this.ledger.set(key, { outcome: 'unknown', reason: failure.message });
			throw failure;
		}
	}

	/** The refusal of a retry to send what an earlier try may have sent. */
	private notRepeated(items: number[], reason: string): NodeOperationError {
		const first = Math.min(...items);
		return new NodeOperationError(
			this.ctx.getNode(),
			`Item ${first + 1}: not sent again: an earlier try of this execution may already have sent it`,
			{
				itemIndex: first,
				description: `The node ran again (Retry On Fail), but the earlier request for ${itemNumbers(items)} ended without a clear answer: ${reason}. ${MAY_HAVE_REACHED}`,
			},
		);
	}
}
