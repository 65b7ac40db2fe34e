import type { IExecuteFunctions } from 'n8n-workflow';
import type { GatewayCaller } from '../../transport/gatewayCaller';
import { readCompanyBalance, type CompanyBalance } from '../../transport/answers';
import { requireAccepted } from '../../transport/errors';

/** The company's prepaid balance; an answer that is not accepted is an error. */
export async function companyBalance(ctx: IExecuteFunctions, caller: GatewayCaller, itemIndex: number): Promise<CompanyBalance> {
	const balance = await caller.asmx('CheckCompanyPrePaid', [], itemIndex, readCompanyBalance);
	requireAccepted(ctx.getNode(), balance.result, itemIndex, 'Reading the company prepaid balance failed');
	return balance;
}
