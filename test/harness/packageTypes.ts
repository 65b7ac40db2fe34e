import { join } from 'node:path';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { assertDistFresh } from './distFreshness';

const DIST = join(__dirname, '..', '..', 'dist');

/** The package's node and credential types, loaded from the built `dist/` as n8n loads them. */
export function loadBuilt<T>(relativePath: string, exportName: string): T {
	assertDistFresh();
	// The built CommonJS module, by a path known only at run time.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const loaded = require(join(DIST, relativePath)) as Record<string, new () => T>;
	return new loaded[exportName]();
}

/** A start node for test workflows: emits the items given in its `items` parameter. */
class InputItems implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Input Items',
		name: 'inputItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Input Items' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

export const INPUT_ITEMS_TYPE = 'harness.inputItems';
export const SMSCENTER_TYPE = 'n8n-nodes-smscenter.smsCenter';
export const SMSCENTER_TRIGGER_TYPE = 'n8n-nodes-smscenter.smsCenterTrigger';

export class PackageNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	constructor(extra: Record<string, INodeType> = {}) {
		this.types.set(INPUT_ITEMS_TYPE, new InputItems());
		this.types.set(
			SMSCENTER_TYPE,
			loadBuilt<INodeType>('nodes/SmsCenter/SmsCenter.node.js', 'SmsCenter'),
		);
		for (const [name, type] of Object.entries(extra)) this.types.set(name, type);
	}

	add(name: string, type: INodeType): void {
		this.types.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

export function smsCenterCredentialType(): ICredentialType {
	return loadBuilt<ICredentialType>('credentials/SmsCenterApi.credentials.js', 'SmsCenterApi');
}

export function smsCenterTriggerCredentialType(): ICredentialType {
	return loadBuilt<ICredentialType>(
		'credentials/SmsCenterTriggerApi.credentials.js',
		'SmsCenterTriggerApi',
	);
}
