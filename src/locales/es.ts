// Spanish strings for every element; importing this file (or loading its CDN file) registers `es`.
import { registerLocale, type XmtpStrings } from '../elements/shared/strings.js';

export const spanishStrings: XmtpStrings = {
  unnamedPublisher: 'Este remitente',
  consentSummary:
    'Permitir que {sender} te escriba en XMTP. Gratis: sin transacción. Puedes darte de baja en cualquier momento.',
  consentSummaryAccount:
    'Permitir que {sender} escriba a {account} en XMTP. Gratis: sin transacción. Puedes darte de baja en cualquier momento.',
  unsubscribeSummary: 'Impedir que {sender} te escriba: sales de su lista. Gratis: sin transacción.',
  sendingAddress: 'Dirección de envío',
  inbox: 'Bandeja',
  showMessage: 'Ver el mensaje exacto',
  messageTimeNote: 'La hora se fija en el momento de firmar.',
  signingAs: 'Firmando como',
  subscribe: 'Suscribirse',
  signToSubscribe: 'Firmar para suscribirse',
  unsubscribe: 'Darse de baja',
  signToUnsubscribe: 'Firmar para darse de baja',
  staySubscribed: 'Seguir suscrito',
  subscribedAs: 'Suscrito con {account}.',
  readMessages: 'Lee sus mensajes en cualquier aplicación XMTP, por ejemplo {link}.',
  checking: 'Comprobando…',
  connectWallet: 'Conectar billetera',
  chooseWallet: 'Elige una billetera',
  useAnotherWallet: 'Usar otra billetera',
  openInWalletApp: 'Abre esta página en la aplicación de tu billetera:',
  whatIsAWallet: 'Una billetera es una aplicación que guarda tu cuenta de Ethereum y firma por ti.',
  findAWallet: 'Buscar una billetera',
  scanToOpenPage: '¿Tienes una billetera en tu teléfono? Escanea este código para abrir esta página allí.',
  pageQrLabel: 'Código QR de esta página',
  walletConnectHeading: 'Conectar una billetera móvil con WalletConnect',
  walletConnectScan: 'Escanea este código con la aplicación de billetera de tu teléfono para conectarla.',
  walletConnectTap: 'Abre la aplicación de tu billetera para conectarla y luego vuelve a esta página.',
  walletConnectQrLabel: 'Código QR de WalletConnect para escanear con tu aplicación de billetera',
  walletConnectOpen: 'Abrir en la aplicación de tu billetera',
  copyLink: 'Copiar el enlace',
  linkCopied: 'Enlace copiado',
  cancel: 'Cancelar',
  aboutThis: 'Qué hace esto',
  sign: 'Firmar',
  connecting: 'Conectando…',
  signing: 'Revisa tu billetera…',
  submitting: 'Enviando…',
  retry: 'Reintentar',
  sendNow: 'Enviar ahora',
  statusChecking: 'Comprobando tu suscripción.',
  statusPicking: 'Hay varias billeteras instaladas: elige la que va a firmar.',
  statusConnecting: 'Esperando a que tu billetera se conecte.',
  statusConnected: 'Billetera conectada. Revisa los detalles y firma.',
  statusSigning: 'Confirma la firma en tu billetera.',
  statusSubmitting: 'Enviando tu firma.',
  statusQueued:
    'No se puede contactar con el servidor. Tu firma está guardada en este navegador y se enviará automáticamente.',
  statusSubscribed: 'Estás en la lista de {name}.',
  statusUnsubscribed: 'Saliste de la lista de {name}. Puedes volver a suscribirte en cualquier momento.',
  statusHandedOver: 'Firmado. Esta página entregará tu suscripción.',
  statusSigned: 'Firmado. Esta página ya tiene tu firma.',
  statusSent: 'Firmado y enviado.',
  requestHeading: 'Tu billetera te pedirá firmar esta solicitud de XMTP:',
  signWith: 'Firma con {signer}.',
  signWithNewAddress: 'Firma con {signer}, la dirección que se añade.',
  signWithRecoveryAddress: 'Firma con {signer}, la dirección de recuperación de tu bandeja.',
  actions: {
    'create-inbox':
      'Crear una bandeja XMTP propiedad de {value}. {value} también pasa a ser su dirección de recuperación, que más adelante podrá añadir o quitar direcciones y aplicaciones.',
    'grant-app':
      'Permitir que la instalación de aplicación {value} lea y envíe mensajes de la bandeja {inbox}.',
    'link-address':
      'Unir {value} a la bandeja {inbox}: quien controle la bandeja {inbox} leerá y enviará los mensajes de {value}.',
    'unlink-address': 'Quitar {value} de la bandeja {inbox}: dejará de recibir los mensajes de esa bandeja.',
    'revoke-app':
      'Quitar la instalación de aplicación {value} de la bandeja {inbox}: ya no podrá leer ni enviar sus mensajes.',
    'change-recovery-address':
      'Dar a {value} el poder de recuperar la bandeja {inbox}: podrá añadir y quitar direcciones y aplicaciones, y deshacer este cambio.',
    'link-passkey':
      'Unir la llave de acceso {value} a la bandeja {inbox}: quien la tenga leerá y enviará los mensajes de la bandeja {inbox}.',
    'unlink-passkey':
      'Quitar la llave de acceso {value} de la bandeja {inbox}: ya no podrá iniciar sesión en ella.',
    consent:
      'Permitir que {value} te escriba en XMTP. Gratis: sin transacción. Puedes darte de baja en cualquier momento.',
    unsubscribe: 'Impedir que {value} te escriba: sales de su lista. Gratis: sin transacción.',
    'create-identity': 'Crear tu antigua clave de identidad XMTP (V2).',
    'enable-identity':
      'Desbloquear tus antiguas claves XMTP (V2) guardadas en la red. Quien tenga esta firma puede descifrarlas: firma solo en aplicaciones de confianza.',
  },
  errors: {
    'no-wallet': 'No se encontró ninguna billetera. Instala una extensión de billetera o abre esta página en la app de tu billetera.',
    'user-rejected': 'La billetera no firmó. No se compartió nada.',
    'wrong-account': 'Tu billetera está en otra cuenta distinta de la necesaria. Cambia de cuenta y vuelve a intentarlo.',
    'invalid-config': 'Este botón no está bien configurado: aquí no se puede firmar nada.',
    network: 'No se puede contactar con el servidor. Inténtalo de nuevo en un momento.',
    'rejected-by-server': 'La lista no aceptó esto, así que no se guardó nada. Avisa al sitio.',
    unexpected: 'Algo falló en esta página, no en tu billetera. Recarga la página e inténtalo de nuevo.',
  },
  warning: 'Atención:',
  blocked: {
    'not-xmtp': 'Bloqueado: esto no es un texto de firma de XMTP, así que no se firma aquí.',
    recovery: 'Bloqueado: esto también daría a {value} el poder de recuperar tu bandeja.',
    'other-action': 'Bloqueado: este texto pide algo distinto de lo que describe esta página.',
    'other-address': 'Bloqueado: este texto trata de {value}, no de la dirección que nombra esta página.',
    'other-inbox': 'Bloqueado: este texto es para otra bandeja distinta de la que nombra esta página.',
  },
  walletNotConnected: 'Tu billetera no está conectada. Ábrela y vuelve a intentarlo.',
  refusedClock:
    'El reloj de tu dispositivo parece incorrecto, así que la lista rechazó la firma. Corrige el reloj y recarga.',
  refusedSignature:
    'La lista no pudo verificar la firma de tu billetera, así que no se guardó nada. Prueba con otra billetera.',
};

registerLocale('es', spanishStrings);
