// The English of the identity prompts (<xmtp-signature-request> and its presets): the plain words of
// each XMTP action and refusal, in those elements' files only.
import type { RequestWord, XmtpStrings } from './strings.js';

export const requestEnglish: Pick<XmtpStrings, RequestWord> = {
  inbox: 'Inbox',
  connectWallet: 'Connect wallet',
  sign: 'Sign',
  statusSigned: 'Signed. This page now has your signature.',
  statusSent: 'Signed and sent.',
  requestHeading: 'Your wallet will be asked to sign this XMTP request:',
  signWith: 'Sign with {signer}.',
  signWithNewAddress: 'Sign with {signer}, the address being added.',
  signWithRecoveryAddress: "Sign with {signer}, your inbox's recovery address.",
  actions: {
    'create-inbox':
      'Create an XMTP inbox owned by {value}. {value} also becomes its recovery address, which can later add or remove addresses and apps.',
    'grant-app': 'Let the app installation {value} read and send messages for inbox {inbox}.',
    'link-address':
      'Join inbox {inbox} with {value}: whoever controls inbox {inbox} will read and send the messages of {value}.',
    'unlink-address': 'Remove {value} from inbox {inbox}: it will no longer receive that inbox\'s messages.',
    'revoke-app':
      'Remove the app installation {value} from inbox {inbox}: it can no longer read or send its messages.',
    'change-recovery-address':
      'Give {value} the power to recover inbox {inbox}: it will be able to add and remove addresses and apps, and to undo this change.',
    'link-passkey':
      'Join inbox {inbox} with the passkey {value}: whoever holds it will read and send the messages of inbox {inbox}.',
    'unlink-passkey': 'Remove the passkey {value} from inbox {inbox}: it will no longer sign in to it.',
    consent: 'Let {value} message you on XMTP. Free: no transaction. You can unsubscribe at any time.',
    unsubscribe: 'Stop {value} from messaging you: you leave its list. Free: no transaction.',
    'create-identity': 'Create your legacy XMTP (V2) identity key.',
    'enable-identity':
      'Unlock your legacy XMTP (V2) keys stored on the network. Whoever holds this signature can decrypt them: sign only in apps you trust.',
  },
  warning: 'Warning:',
  blocked: {
    'not-xmtp': 'Blocked: this is not an XMTP signature text, so it is not signed here.',
    recovery: 'Blocked: this would also give {value} the power to recover your inbox.',
    'other-action': 'Blocked: this text asks for something else than this page describes.',
    'other-address': 'Blocked: this text is about {value}, not the address this page names.',
    'other-inbox': 'Blocked: this text is for another inbox than the one this page names.',
  },
};

