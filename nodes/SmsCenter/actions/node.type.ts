import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	sms: 'send' | 'estimate' | 'sendSimple';
	voiceCall: 'send' | 'getResponses';
	account: 'getCompanyBalance' | 'getUserBalances';
};

export type SmsCenterType = AllEntities<NodeMap>;
