import { findProfile, type SandboxProfile } from './profiles';
import type { SandboxCompany, SandboxFixture, SandboxUser } from './types';

export interface Login {
	company: SandboxCompany;
	user: SandboxUser;
	profile: SandboxProfile;
}

/** Why a login was refused, in the gateway's own words for each API. */
export type LoginRefusal = 'badLogin' | 'userDisabled' | 'companyDisabled' | 'ipNotAllowed';

export class Accounts {
	private readonly byUser = new Map<string, { company: SandboxCompany; user: SandboxUser }>();
	readonly defaultProfile: SandboxProfile;

	/** Fails on an unknown profile name, in the fixture or as the default. */
	constructor(
		readonly fixture: SandboxFixture,
		defaultProfile?: string,
	) {
		this.defaultProfile = findProfile(defaultProfile);
		for (const company of fixture.companies) {
			for (const user of company.users) {
				if (user.profile !== undefined) findProfile(user.profile);
				this.byUser.set(user.userName.toLowerCase(), { company, user });
			}
		}
	}

	login(userName: string, password: string, remoteAddress: string): Login | LoginRefusal {
		const found = this.byUser.get(userName.trim().toLowerCase());
		if (!found || found.user.password !== password) return 'badLogin';
		if (found.user.disabled) return 'userDisabled';
		if (found.company.disabled) return 'companyDisabled';
		const allowed = found.company.allowedIps ?? [];
		if (allowed.length > 0 && !allowed.includes(normaliseAddress(remoteAddress)))
			return 'ipNotAllowed';
		return { ...found, profile: this.profileOf(userName) };
	}

	/** The profile a user name plays, whatever the password: answer shapes belong to the server, not to a login's success. */
	profileOf(userName: string): SandboxProfile {
		const user = this.byUser.get(userName.trim().toLowerCase())?.user;
		return user?.profile === undefined ? this.defaultProfile : findProfile(user.profile);
	}

	/** Units of SMS the login may still spend: the company's, capped by the user's own in user prepaid mode. */
	smsAvailable(login: Login): number {
		if (login.company.userPrepaidMode && login.user.prepaidMode) {
			return Math.min(login.company.sms, login.user.sms ?? 0);
		}
		return login.company.sms;
	}

	chargeSms(login: Login, units: number): void {
		login.company.sms -= units;
		if (login.company.userPrepaidMode && login.user.prepaidMode) {
			login.user.sms = (login.user.sms ?? 0) - units;
		}
	}
}

export function normaliseAddress(address: string): string {
	return address.startsWith('::ffff:') ? address.slice(7) : address;
}
