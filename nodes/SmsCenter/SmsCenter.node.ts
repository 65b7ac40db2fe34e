import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { router } from './actions/router';
import * as sms from './actions/sms/Sms.resource';
import * as voiceCall from './actions/voiceCall/VoiceCall.resource';
import * as account from './actions/account/Account.resource';
import { connectionOptions } from './actions/common/connection';
import { CREDENTIAL_NAME } from '../shared/credentialName';
import { smsCenterApiLoginCheck } from './methods/credentialTest';

export class SmsCenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCenter',
		name: 'smsCenter',
		icon: { light: 'file:smscenter.svg', dark: 'file:smscenter.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS and voice calls (IVR) and check prepaid balances with SMSCenter (smscenter.co.il)',
		defaults: { name: 'SMSCenter' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true, testedBy: 'smsCenterApiLoginCheck' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'Voice Call (IVR)', value: 'voiceCall' },
				],
				default: 'sms',
			},
			...sms.description,
			...voiceCall.description,
			...account.description,
			connectionOptions,
		],
	};

	methods = { credentialTest: { smsCenterApiLoginCheck } };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
