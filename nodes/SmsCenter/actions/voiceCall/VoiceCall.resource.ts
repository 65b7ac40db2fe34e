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
				description:
					'For each number of a voice call, get how the call ended, how long it lasted and which key was pressed',
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
