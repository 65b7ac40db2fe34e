import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';
import { PackageNodeTypes, SMSCENTER_TYPE } from '../harness/packageTypes';

/**
 * What n8n's editor shows for the SMSCenter node, worked out with n8n's own display rules the way its
 * parameter list does (`displayParameterPath` with the node's values under `parameters`).
 */
const nodeTypes = new PackageNodeTypes();
const nodeType = nodeTypes.getByNameAndVersion(SMSCENTER_TYPE) as INodeType;
const { description } = nodeType;

function node(typeVersion: number, parameters: INodeParameters): INode {
	return {
		id: 'n',
		name: 'SMSCenter',
		type: SMSCENTER_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
	};
}

/** Whether n8n's editor shows `property` (at `path`) for a node of that version with these values. */
function displayed(typeVersion: number, parameters: INodeParameters, path = 'parameters') {
	return (property: INodeProperties) =>
		NodeHelpers.displayParameterPath(
			{ parameters },
			property,
			path,
			node(typeVersion, parameters),
			description,
		);
}

/** The top-level fields shown, by display name. */
function shownFields(typeVersion: number, parameters: INodeParameters): string[] {
	return description.properties
		.filter(displayed(typeVersion, parameters))
		.map((property) => property.displayName);
}

/** What the Options collection's "Add Option" list offers, by display name. */
function offeredOptions(typeVersion: number, parameters: INodeParameters): string[] {
	const collection = description.properties.find(
		(property) => property.name === 'options' && displayed(typeVersion, parameters)(property),
	) as INodeProperties;
	return (collection.options as INodeProperties[])
		.filter(displayed(typeVersion, parameters, 'parameters.options'))
		.map((option) => option.displayName);
}

function subtitle(parameters: INodeParameters): unknown {
	const workflow = new Workflow({
		nodes: [node(1.1, parameters)],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode('SMSCenter')!,
		description.subtitle,
		'internal',
		{},
	);
}

describe('the SMSCenter node in the editor', () => {
	const send = { resource: 'sms', operation: 'send' };

	it('new nodes are version 1.1', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
	});

	it('offers one Schedule choice, showing Delay only after a delay and Send At only at a time', () => {
		expect(shownFields(1.1, { ...send, schedule: 'now', options: {} })).toEqual([
			'Resource',
			'Operation',
			'Recipients',
			'Message',
			'Sender Name',
			'Schedule',
			'Options',
			'Connection',
		]);
		expect(shownFields(1.1, { ...send, schedule: 'delay', options: {} })).toContain(
			'Delay (Minutes)',
		);
		expect(shownFields(1.1, { ...send, schedule: 'delay', options: {} })).not.toContain('Send At');
		expect(shownFields(1.1, { ...send, schedule: 'at', options: {} })).toContain('Send At');
		expect(shownFields(1.1, { ...send, schedule: 'at', options: {} })).not.toContain(
			'Delay (Minutes)',
		);
		expect(offeredOptions(1.1, { ...send, schedule: 'now', options: {} })).not.toContain(
			'Delay (Minutes)',
		);
		expect(offeredOptions(1.1, { ...send, schedule: 'now', options: {} })).not.toContain('Send At');
	});

	it('offers Price only with Reverse Billing, and the opt-out line only for advertising messages', () => {
		const push = offeredOptions(1.1, { ...send, options: { smsOperation: 'Push' } });
		expect(push).not.toContain('Price');
		expect(push).not.toContain('Opt-Out Line');
		expect(offeredOptions(1.1, { ...send, options: {} })).not.toContain('Price');
		expect(offeredOptions(1.1, { ...send, options: { smsOperation: 'ReverseBilling' } })).toContain(
			'Price',
		);
		expect(offeredOptions(1.1, { ...send, options: { advertising: true } })).toContain(
			'Opt-Out Line',
		);
		expect(
			offeredOptions(1.1, {
				resource: 'sms',
				operation: 'estimate',
				options: { advertising: true },
			}),
		).toContain('Opt-Out Line');
		expect(
			offeredOptions(1.1, {
				resource: 'sms',
				operation: 'estimate',
				options: { advertising: false },
			}),
		).not.toContain('Opt-Out Line');
	});

	it('keeps the version 1 layout for workflows saved with it: Delay, Send At and Price in the options', () => {
		expect(shownFields(1, { ...send, options: {} })).not.toContain('Schedule');
		expect(offeredOptions(1, { ...send, options: {} })).toEqual(
			expect.arrayContaining(['Delay (Minutes)', 'Send At', 'Price']),
		);
	});

	it.each([
		[{ resource: 'sms', operation: 'send' }, 'Send SMS'],
		[{ resource: 'sms', operation: 'estimate' }, 'Estimate SMS'],
		[{ resource: 'sms', operation: 'sendSimple' }, 'Send SMS (Simple URL API)'],
		[{ resource: 'voiceCall', operation: 'send' }, 'Send Voice Call'],
		[{ resource: 'voiceCall', operation: 'getResponses' }, 'Get Voice Call Responses'],
		[{ resource: 'account', operation: 'getCompanyBalance' }, 'Get Company Balance'],
		[{ resource: 'account', operation: 'getUserBalances' }, 'Get User Balances'],
	])('the subtitle of %j reads "%s"', (parameters, expected) => {
		expect(subtitle(parameters)).toBe(expected);
	});

	it('every operation has a subtitle', () => {
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map((option) => ({
					resource: property.displayOptions!.show!.resource![0] as string,
					operation: option.value,
				})),
			);
		expect(operations).toHaveLength(7);
		for (const parameters of operations) expect(typeof subtitle(parameters)).toBe('string');
	});

	it('the Docs link opens the README section as it is, with nothing appended after the #', () => {
		expect(description.documentationUrl).toBe(
			'https://github.com/n8n-nodes-smscenter/n8n-nodes-smscenter#the-smscenter-node',
		);
	});
});
