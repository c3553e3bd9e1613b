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
    'create-inbox': 'Créer une boîte XMTP appartenant à {value}.',
    'grant-app': 'Autoriser cette application (ID {value}) à lire et envoyer des messages pour votre boîte.',
    'link-address': 'Ajouter {value} à votre boîte : elle pourra alors la joindre et s’y connecter.',
    'unlink-address': 'Retirer {value} de votre boîte : elle ne la joindra plus.',
    'revoke-app': 'Retirer à cette application (ID {value}) l’accès à vos messages.',
    'change-recovery-address':
      'Faire de {value} l’adresse qui peut récupérer votre boîte et en retirer des adresses.',
    'link-passkey': 'Ajouter la clé d’accès {value} à votre boîte : elle pourra alors s’y connecter.',
    'unlink-passkey': 'Retirer la clé d’accès {value} de votre boîte : elle ne pourra plus s’y connecter.',
    consent:
      'Autoriser {value} à vous écrire sur XMTP. Gratuit : aucune transaction. Vous pouvez vous désabonner à tout moment.',
    unsubscribe: 'Empêcher {value} de vous écrire : vous quittez sa liste. Gratuit : aucune transaction.',
    'create-identity': 'Créer votre clé d’identité XMTP (ancienne version).',
    'enable-identity': 'Déverrouiller vos clés XMTP (ancienne version) pour cette session.',
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
  refusedClock:
    'L’horloge de votre appareil semble fausse : la liste a refusé la signature. Corrigez l’horloge, puis rechargez.',
  refusedSignature:
    'La liste n’a pas pu vérifier la signature de votre portefeuille : rien n’a été enregistré. Essayez un autre portefeuille.',
};

registerLocale('fr', frenchStrings);
