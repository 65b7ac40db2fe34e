/**
 * The third-party libraries the nodes use at run time. The build bundles this one file with them,
 * so the installed package needs no dependency.
 */
export { XMLParser, XMLValidator } from 'fast-xml-parser';
export { parsePhoneNumberWithError } from 'libphonenumber-js/min';
export { SegmentedMessage } from 'sms-segments-calculator';
