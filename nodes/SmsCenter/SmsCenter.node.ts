import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { router } from './actions/router';
import * as sms from './actions/sms/Sms.resource';
import * as voiceCall from './actions/voiceCall/VoiceCall.resource';
import * as account from './actions/account/Account.resource';
import { connectionOptions } from './actions/common/connection';
import { CREDENTIAL_NAME } from '../shared/credentialName';
import { documentationSection } from '../shared/documentation';
import { smsCenterApiLoginCheck } from './methods/credentialTest';
import { assertSupportedN8n } from '../shared/n8nSupport';

assertSupportedN8n();

export class SmsCenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCenter',
		name: 'smsCenter',
		icon: { light: 'file:smscenter.svg', dark: 'file:smscenter.dark.svg' },
		group: ['output'],
		// 1.1: one Schedule choice (now, after a delay, at a time) instead of Delay and Send At in the Options.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// What a person reads under the node's name: the operation's words, looked up by resource and operation.
		subtitle:
			'={{ ({"sms:send": "Send SMS", "sms:estimate": "Estimate SMS", "sms:sendSimple": "Send SMS (Simple URL API)", "voiceCall:send": "Send Voice Call", "voiceCall:getResponses": "Get Voice Call Responses", "account:getCompanyBalance": "Get Company Balance", "account:getUserBalances": "Get User Balances"})[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Send SMS and voice calls (IVR) and check prepaid balances with SMSCenter (smscenter.co.il)',
		documentationUrl: documentationSection('the-smscenter-node'),
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
