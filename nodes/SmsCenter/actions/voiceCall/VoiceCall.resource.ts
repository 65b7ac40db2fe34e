import type { INodeProperties } from 'n8n-workflow';
import * as send from './send.operation';
import * as getResponses from './getResponses.operation';

export { send, getResponses };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voiceCall'] } },
		options: [
			{
				name: 'Get Responses',
				value: 'getResponses',
				description: 'Get the status, call length and key pressed for each number of a voice message',
				action: 'Get voice call responses',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Call recipients and play a recorded message',
				action: 'Send a voice call',
			},
		],
		default: 'send',
	},
	...send.description,
	...getResponses.description,
];
