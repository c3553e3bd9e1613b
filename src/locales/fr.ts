// French strings for every element; importing this file (or loading its CDN file) registers `fr`.
import { registerLocale, type XmtpStrings } from '../elements/shared/strings.js';

export const frenchStrings: XmtpStrings = {
  unnamedPublisher: 'Cet expéditeur',
  consentSummary:
    'Autoriser {sender} à vous écrire sur XMTP. Gratuit : aucune transaction. Vous pouvez vous désabonner à tout moment.',
  consentSummaryAccount:
    'Autoriser {sender} à écrire à {account} sur XMTP. Gratuit : aucune transaction. Vous pouvez vous désabonner à tout moment.',
  unsubscribeSummary:
    'Empêcher {sender} de vous écrire : vous quittez sa liste. Gratuit : aucune transaction.',
  sendingAddress: 'Adresse d’envoi',
  inbox: 'Boîte',
  showMessage: 'Afficher le message exact',
  messageTimeNote: 'L’heure est fixée au moment où vous signez.',
  signingAs: 'Signature avec',
  subscribe: 'S’abonner',
  signToSubscribe: 'Signer pour s’abonner',
  unsubscribe: 'Se désabonner',
  signToUnsubscribe: 'Signer pour se désabonner',
  staySubscribed: 'Rester abonné',
  subscribedAs: 'Abonné avec {account}.',
  readMessages: 'Lisez ses messages dans n’importe quelle application XMTP, par exemple {link}.',
  checking: 'Vérification…',
  connectWallet: 'Connecter le portefeuille',
  chooseWallet: 'Choisissez un portefeuille',
  useAnotherWallet: 'Utiliser un autre portefeuille',
  openInWalletApp: 'Ouvrez cette page dans l’application de votre portefeuille :',
  whatIsAWallet: 'Un portefeuille est une application qui garde votre compte Ethereum et signe pour vous.',
  findAWallet: 'Trouver un portefeuille',
  scanToOpenPage: 'Un portefeuille sur votre téléphone ? Scannez ce code pour y ouvrir cette page.',
  pageQrLabel: 'QR code de cette page',
  walletConnectHeading: 'Connecter un portefeuille mobile avec WalletConnect',
  walletConnectScan: 'Scannez ce code avec l’application de portefeuille de votre téléphone pour la connecter.',
  walletConnectTap: 'Ouvrez l’application de votre portefeuille pour la connecter, puis revenez sur cette page.',
  walletConnectQrLabel: 'QR code WalletConnect à scanner avec votre application de portefeuille',
  walletConnectOpen: 'Ouvrir dans l’application de votre portefeuille',
  copyLink: 'Copier le lien',
  linkCopied: 'Lien copié',
  cancel: 'Annuler',
  aboutThis: 'Ce que cela fait',
  sign: 'Signer',
  connecting: 'Connexion…',
  signing: 'Vérifiez votre portefeuille…',
  submitting: 'Envoi…',
  retry: 'Réessayer',
  sendNow: 'Envoyer maintenant',
  statusChecking: 'Vérification de votre abonnement.',
  statusPicking: 'Plusieurs portefeuilles sont installés : choisissez celui qui signera.',
  statusConnecting: 'En attente de la connexion de votre portefeuille.',
  statusConnected: 'Portefeuille connecté. Vérifiez les détails, puis signez.',
  statusSigning: 'Confirmez la signature dans votre portefeuille.',
  statusSubmitting: 'Envoi de votre signature.',
  statusQueued:
    'Le serveur est injoignable. Votre signature est enregistrée dans ce navigateur et sera envoyée automatiquement.',
  statusSubscribed: 'Vous êtes sur la liste de {name}.',
  statusUnsubscribed: 'Vous avez quitté la liste de {name}. Vous pouvez vous réabonner à tout moment.',
  statusHandedOver: 'Signé. Cette page transmettra votre abonnement.',
  statusSigned: 'Signé. Cette page dispose maintenant de votre signature.',
  statusSent: 'Signé et envoyé.',
  requestHeading: 'Votre portefeuille va vous demander de signer cette requête XMTP :',
  signWith: 'Signez avec {signer}.',
  signWithNewAddress: 'Signez avec {signer}, l’adresse ajoutée.',
  signWithRecoveryAddress: 'Signez avec {signer}, l’adresse de récupération de votre boîte.',
  actions: {
    'create-inbox':
      'Créer une boîte XMTP appartenant à {value}. {value} devient aussi son adresse de récupération, qui pourra plus tard y ajouter ou en retirer des adresses et des applications.',
    'grant-app':
      'Permettre à l’installation d’application {value} de lire et d’envoyer des messages pour la boîte {inbox}.',
    'link-address':
      'Joindre {value} à la boîte {inbox} : quiconque contrôle la boîte {inbox} lira et enverra les messages de {value}.',
    'unlink-address':
      'Retirer {value} de la boîte {inbox} : elle ne recevra plus les messages de cette boîte.',
    'revoke-app':
      'Retirer l’installation d’application {value} de la boîte {inbox} : elle ne pourra plus lire ni envoyer ses messages.',
    'change-recovery-address':
      'Donner à {value} le pouvoir de récupérer la boîte {inbox} : elle pourra y ajouter et en retirer des adresses et des applications, et annuler ce changement.',
    'link-passkey':
      'Joindre la clé d’accès {value} à la boîte {inbox} : quiconque la détient lira et enverra les messages de la boîte {inbox}.',
    'unlink-passkey':
      'Retirer la clé d’accès {value} de la boîte {inbox} : elle ne pourra plus s’y connecter.',
    consent:
      'Autoriser {value} à vous écrire sur XMTP. Gratuit : aucune transaction. Vous pouvez vous désabonner à tout moment.',
    unsubscribe: 'Empêcher {value} de vous écrire : vous quittez sa liste. Gratuit : aucune transaction.',
    'create-identity': 'Créer votre ancienne clé d’identité XMTP (V2).',
    'enable-identity':
      'Déverrouiller vos anciennes clés XMTP (V2) conservées sur le réseau. Quiconque détient cette signature peut les déchiffrer : ne signez que dans des applications de confiance.',
  },
  errors: {
    'no-wallet':
      'Aucun portefeuille trouvé. Installez une extension de portefeuille, ou ouvrez cette page dans l’application de votre portefeuille.',
    'user-rejected': 'Le portefeuille n’a pas signé. Rien n’a été partagé.',
    'wrong-account': 'Votre portefeuille est sur un autre compte que celui attendu. Changez de compte, puis réessayez.',
    'invalid-config': 'Ce bouton est mal configuré : rien ne peut être signé ici.',
    network: 'Le serveur est injoignable. Réessayez dans un instant.',
    'rejected-by-server': 'La liste n’a pas accepté cela : rien n’a été enregistré. Prévenez le site.',
    unexpected: 'Un problème est survenu dans cette page, pas dans votre portefeuille. Rechargez la page et réessayez.',
  },
  warning: 'Attention :',
  blocked: {
    'not-xmtp': 'Bloqué : ce n’est pas un texte de signature XMTP, il n’est donc pas signé ici.',
    recovery: 'Bloqué : cela donnerait aussi à {value} le pouvoir de récupérer votre boîte.',
    'other-action': 'Bloqué : ce texte demande autre chose que ce que décrit cette page.',
    'other-address': 'Bloqué : ce texte concerne {value}, pas l’adresse nommée par cette page.',
    'other-inbox': 'Bloqué : ce texte vise une autre boîte que celle nommée par cette page.',
  },
  walletNotConnected: 'Votre portefeuille n’est pas connecté. Ouvrez-le, puis réessayez.',
  refusedClock:
    'L’horloge de votre appareil semble fausse : la liste a refusé la signature. Corrigez l’horloge, puis rechargez.',
  refusedSignature:
    'La liste n’a pas pu vérifier la signature de votre portefeuille : rien n’a été enregistré. Essayez un autre portefeuille.',
};

registerLocale('fr', frenchStrings);
