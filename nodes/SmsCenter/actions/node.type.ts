import type { AllEntities, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { GatewayCaller } from '../transport/gatewayCaller';
import type { MessageItemReader } from './common/messageItems';
import type { RunSendMemory } from './common/sendMemory';

type NodeMap = {
	sms: 'send' | 'estimate' | 'sendSimple';
	voiceCall: 'send' | 'getResponses';
	account: 'getCompanyBalance' | 'getUserBalances';
};

export type SmsCenterType = AllEntities<NodeMap>;

export type Resource = SmsCenterType['resource'];
export type OperationOf<R extends Resource> = Extract<SmsCenterType, { resource: R }>['operation'];

/** What the router builds once per run and hands to the operation. */
export interface OperationRun {
	/** The gateway caller of this run: connection settings and credential read once. */
	readonly caller: GatewayCaller;
	/** Reads the message parameters (recipients, text, sender, options) of each item. */
	readonly reader: MessageItemReader;
	/** The send requests of this run, remembered so that a retry of the node never sends one twice. */
	readonly sends: RunSendMemory;
	/** The operation's own state across the items of this run, made on first use. */
	state<T extends object>(create: () => T): T;
	/** Runs `finish` once every item has been handled (for a summary of the run, such as an execution hint). */
	atEnd(finish: () => void): void;
}

/** An operation run item by item: the router loops, pairs each result with its item and applies Continue On Fail. */
export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
) => Promise<IDataObject | IDataObject[]>;

/** An operation that needs all items at once (to batch them); it returns one output item per input item, paired. */
export type AllItemsOperation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: OperationRun,
) => Promise<INodeExecutionData[]>;

/**
 * How the router runs an operation. `sends` marks item-by-item operations that send: when the run
 * stops at a failing item, the error names the items already sent.
 */
export type Operation = { eachItem: ItemOperation; sends?: true } | { allItems: AllItemsOperation };

/** Every resource's every operation, so that adding a name to NodeMap without its code does not compile. */
export type OperationMap = { [R in Resource]: { [O in OperationOf<R>]: Operation } };
