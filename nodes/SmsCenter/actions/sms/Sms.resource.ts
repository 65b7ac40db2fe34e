import type { INodeProperties } from 'n8n-workflow';
import * as send from './send.operation';
import * as estimate from './estimate.operation';
import * as sendSimple from './sendSimple.operation';

export { send, estimate, sendSimple };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Estimate',
				value: 'estimate',
				description:
					'Count the SMS segments a send would use and check them against the prepaid balance, without sending anything',
				action: 'Estimate an SMS',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send an SMS to one or many recipients; the message ID it returns matches the delivery reports',
				action: 'Send an SMS',
			},
			{
				name: 'Send via Simple URL API',
				value: 'sendSimple',
				description:
					'Send an SMS to one recipient through the simple URL API. It returns no message ID, so delivery reports of this SMS cannot be matched to the send.',
				action: 'Send an SMS via the simple URL API',
			},
		],
		default: 'send',
	},
	...send.description,
	...estimate.description,
	...sendSimple.description,
];
