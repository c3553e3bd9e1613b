// Arabic strings for every element (right to left); importing this file (or loading its CDN file)
// registers `ar`.
import { registerLocale, type XmtpStrings } from '../elements/shared/strings.js';

export const arabicStrings: XmtpStrings = {
  unnamedPublisher: 'هذا المرسل',
  consentSummary: 'اسمح لـ {sender} بمراسلتك على XMTP. مجاني: بلا معاملة. يمكنك إلغاء الاشتراك في أي وقت.',
  consentSummaryAccount:
    'اسمح لـ {sender} بمراسلة {account} على XMTP. مجاني: بلا معاملة. يمكنك إلغاء الاشتراك في أي وقت.',
  unsubscribeSummary: 'امنع {sender} من مراسلتك: ستغادر قائمته. مجاني: بلا معاملة.',
  sendingAddress: 'عنوان الإرسال',
  inbox: 'الصندوق',
  showMessage: 'عرض الرسالة كما هي',
  messageTimeNote: 'يُحدَّد الوقت لحظة التوقيع.',
  signingAs: 'التوقيع باسم',
  subscribe: 'اشترك',
  signToSubscribe: 'وقّع للاشتراك',
  unsubscribe: 'إلغاء الاشتراك',
  signToUnsubscribe: 'وقّع لإلغاء الاشتراك',
  staySubscribed: 'ابقَ مشتركًا',
  subscribedAs: 'مشترك بالحساب {account}.',
  readMessages: 'اقرأ رسائله في أي تطبيق XMTP، مثل {link}.',
  checking: 'جارٍ التحقق…',
  connectWallet: 'ربط المحفظة',
  chooseWallet: 'اختر محفظة',
  useAnotherWallet: 'استخدم محفظة أخرى',
  openInWalletApp: 'افتح هذه الصفحة في تطبيق محفظتك:',
  whatIsAWallet: 'المحفظة تطبيق يحفظ حسابك على إيثريوم ويوقّع نيابةً عنك.',
  findAWallet: 'ابحث عن محفظة',
  scanToOpenPage: 'لديك محفظة على هاتفك؟ امسح هذا الرمز لفتح هذه الصفحة هناك.',
  pageQrLabel: 'رمز QR لهذه الصفحة',
  walletConnectHeading: 'اربط محفظة الهاتف عبر WalletConnect',
  walletConnectScan: 'امسح هذا الرمز بتطبيق المحفظة على هاتفك لربطه.',
  walletConnectTap: 'افتح تطبيق محفظتك لربطه، ثم عُد إلى هذه الصفحة.',
  walletConnectQrLabel: 'رمز QR من WalletConnect لمسحه بتطبيق محفظتك',
  walletConnectOpen: 'افتح في تطبيق محفظتك',
  copyLink: 'انسخ الرابط',
  linkCopied: 'تم نسخ الرابط',
  cancel: 'إلغاء',
  aboutThis: 'ماذا يفعل هذا',
  sign: 'وقّع',
  connecting: 'جارٍ الاتصال…',
  signing: 'تحقّق من محفظتك…',
  submitting: 'جارٍ الإرسال…',
  retry: 'أعد المحاولة',
  sendNow: 'أرسل الآن',
  statusChecking: 'جارٍ التحقق من اشتراكك.',
  statusPicking: 'هناك عدة محافظ مثبّتة: اختر المحفظة التي ستوقّع.',
  statusConnecting: 'في انتظار اتصال محفظتك.',
  statusConnected: 'تم ربط المحفظة. راجع التفاصيل ثم وقّع.',
  statusSigning: 'أكّد التوقيع في محفظتك.',
  statusSubmitting: 'جارٍ إرسال توقيعك.',
  statusQueued: 'تعذّر الوصول إلى الخادم. توقيعك محفوظ في هذا المتصفح وسيُرسَل تلقائيًا.',
  statusSubscribed: 'أنت في قائمة {name}.',
  statusUnsubscribed: 'غادرت قائمة {name}. يمكنك الاشتراك مجددًا في أي وقت.',
  statusHandedOver: 'تم التوقيع. ستتولى هذه الصفحة تسليم اشتراكك.',
  statusSigned: 'تم التوقيع. أصبح توقيعك لدى هذه الصفحة.',
  statusSent: 'تم التوقيع والإرسال.',
  requestHeading: 'ستطلب منك محفظتك توقيع طلب XMTP هذا:',
  signWith: 'وقّع باستخدام {signer}.',
  signWithNewAddress: 'وقّع باستخدام {signer}، العنوان الذي تتم إضافته.',
  signWithRecoveryAddress: 'وقّع باستخدام {signer}، عنوان الاسترداد لصندوقك.',
  actions: {
    'create-inbox':
      'إنشاء صندوق XMTP يملكه {value}. ويصبح {value} أيضًا عنوان الاسترداد الخاص به، الذي يمكنه لاحقًا إضافة العناوين والتطبيقات أو إزالتها.',
    'grant-app': 'السماح لتثبيت التطبيق {value} بقراءة الرسائل وإرسالها للصندوق {inbox}.',
    'link-address':
      'ضمّ {value} إلى الصندوق {inbox}: من يتحكم في الصندوق {inbox} سيقرأ رسائل {value} ويرسلها.',
    'unlink-address': 'إزالة {value} من الصندوق {inbox}: لن يتلقى رسائل هذا الصندوق بعد الآن.',
    'revoke-app':
      'إزالة تثبيت التطبيق {value} من الصندوق {inbox}: لن يتمكن بعد الآن من قراءة رسائله أو إرسالها.',
    'change-recovery-address':
      'منح {value} صلاحية استرداد الصندوق {inbox}: سيتمكن من إضافة العناوين والتطبيقات وإزالتها، ومن التراجع عن هذا التغيير.',
    'link-passkey':
      'ضمّ مفتاح المرور {value} إلى الصندوق {inbox}: من يملكه سيقرأ رسائل الصندوق {inbox} ويرسلها.',
    'unlink-passkey':
      'إزالة مفتاح المرور {value} من الصندوق {inbox}: لن يتمكن من تسجيل الدخول إليه بعد الآن.',
    consent: 'اسمح لـ {value} بمراسلتك على XMTP. مجاني: بلا معاملة. يمكنك إلغاء الاشتراك في أي وقت.',
    unsubscribe: 'امنع {value} من مراسلتك: ستغادر قائمته. مجاني: بلا معاملة.',
    'create-identity': 'إنشاء مفتاح هويتك القديم في XMTP (الإصدار V2).',
    'enable-identity':
      'فتح مفاتيحك القديمة في XMTP (الإصدار V2) المحفوظة على الشبكة. من يملك هذا التوقيع يمكنه فك تشفيرها: لا توقّع إلا في التطبيقات التي تثق بها.',
  },
  errors: {
    'no-wallet': 'لم يتم العثور على محفظة. ثبّت إضافة محفظة أو افتح هذه الصفحة في تطبيق محفظتك.',
    'user-rejected': 'لم توقّع المحفظة. لم تتم مشاركة أي شيء.',
    'wrong-account': 'محفظتك على حساب غير الحساب المطلوب. بدّل الحساب ثم أعد المحاولة.',
    'invalid-config': 'هذا الزر غير مُعدّ بشكل صحيح، لذا لا يمكن توقيع أي شيء هنا.',
    network: 'تعذّر الوصول إلى الخادم. أعد المحاولة بعد قليل.',
    'rejected-by-server': 'لم تقبل القائمة هذا، فلم يُحفظ شيء. أبلغ الموقع.',
    unexpected: 'حدث خطأ في هذه الصفحة، لا في محفظتك. أعد تحميل الصفحة وحاول مرة أخرى.',
  },
  warning: 'تحذير:',
  blocked: {
    'not-xmtp': 'محظور: هذا ليس نص توقيع XMTP، لذلك لا يُوقَّع هنا.',
    recovery: 'محظور: سيمنح هذا أيضًا {value} صلاحية استرداد صندوقك.',
    'other-action': 'محظور: يطلب هذا النص شيئًا غير ما تصفه هذه الصفحة.',
    'other-address': 'محظور: يخص هذا النص {value}، لا العنوان الذي تذكره هذه الصفحة.',
    'other-inbox': 'محظور: هذا النص لصندوق غير الذي تذكره هذه الصفحة.',
  },
  walletNotConnected: 'محفظتك غير متصلة. افتحها ثم حاول مرة أخرى.',
  refusedClock:
    'يبدو أن ساعة جهازك غير صحيحة، فرفضت القائمة التوقيع. اضبط الساعة ثم أعد تحميل الصفحة.',
  refusedSignature:
    'تعذّر على القائمة التحقق من توقيع محفظتك، فلم يُحفظ شيء. جرّب محفظة أخرى.',
};

registerLocale('ar', arabicStrings);
