/**
 * Short-text help for the trigram guesser. Its profiles are built from long texts, so on a chat
 * line it is close to a coin toss ("Can I get a refund?" scores Swedish first, "Thank you so much"
 * Czech). People chat in very frequent words, though: each language's commonest function words and
 * chat words decide short lines, the trigrams only break ties. A word several languages share
 * ("is", "de", "i") counts for less (see detectLanguage).
 */
export const languageCommonWords: Record<string, string> = {
  en: `the a an is are was were be been am i you he she it we they me my your our their this that these
    those there here what where when why how who which can could would will should may might must do
    does did have has had get got not no yes yeah please thanks thank hello hi hey good morning evening
    afternoon night bye goodbye of to in on at for from with about by and or but if so just now then
    too very much many more some any all next last week today tomorrow yesterday time need want like
    know see help order refund back still already available open closed sorry okay great sure soon
    again checking check looking am don doesn didn isn aren won anyone someone person speak talk call
    price cost shipping delivery account address change log login password pay payment card cancel
    return item package arrived problem question status update tell joke jokes funny story give hint
    show send make let come going laugh email mail text phone number wait stop fine cool nice wow
    really guess maybe later never mind moment hold else something anything nothing everything info
    details hours opening menu thing things way well done look find buy bought ship track parcel`,
  de: `der die das den dem des ein eine einen einem einer ist sind war waren bin bist sein ich du er sie
    es wir ihr mein meine meinen meiner meinem dein deine unser unsere wo was wann warum wie wer welche
    kann können könnte möchte will wollen habe hast hat haben hatte nicht kein keine ja nein bitte danke
    hallo guten tag morgen abend wiedersehen tschüss und oder aber wenn dass mit für von zu zum zur im
    auf aus bei nach über noch schon sehr auch nur jetzt heute gestern nächste woche frage bestellung
    hilfe schön gut geht mir uns euch sich viel wieviel kostet kosten preis versand lieferung paket`,
  fr: `le la les un une des du de est sont suis es être avoir ai as avons je tu il elle nous vous ils
    elles mon ma mes ton ta votre vos notre nos où quoi quand comment pourquoi qui que qu quel quelle ne
    pas plus oui non merci bonjour bonsoir salut plaît plait avec pour sur dans par et ou mais très
    aussi encore déjà aujourd hui hier demain semaine prochaine commande aide voudrais veux peux pouvez
    ce cette ça au aux`,
  es: `el la los las un una unos unas es son está están estoy soy ser estar tengo tiene tienen hay yo tú
    usted ustedes él ella nosotros mi mis tu su sus nuestro dónde donde qué que cuándo cuando cómo como
    porque quién cuál no sí gracias hola buenos buenas días tardes noches adiós favor con para por de
    del al en y o pero muy también ya hoy ayer mañana semana próxima pedido ayuda quiero puedo puede
    necesito me te se lo le nos`,
  pt: `o a os as um uma uns umas é são está estão estou sou ser estar tenho tem têm há eu você vocês ele
    ela nós meu minha meus minhas seu sua onde que quando como porque por quem qual não sim obrigado
    obrigada olá oi bom boa dia tarde noite tchau favor com para de do da dos das no na nos nas em e
    ou mas muito também já hoje ontem amanhã semana próxima pedido ajuda quero posso pode preciso me
    te se lhe pela pelo quanto custa custam preço entrega`,
  it: `il lo la i gli le un uno una è sono sei siamo essere avere ho hai ha abbiamo io tu lui lei noi voi
    loro mio mia miei mie tuo tua suo sua dove cosa che quando come perché chi quale non sì grazie ciao
    buongiorno buonasera arrivederci favore prego con per di del della dei delle al alla in e o ma
    molto anche già oggi ieri domani settimana prossima ordine aiuto vorrei voglio posso può potete mi
    ti si ci mille quanto costa costano prezzo spedizione`,
  nl: `de het een is zijn was waren ben bent ik jij je u hij zij ze wij we jullie mijn jouw uw ons onze
    waar wat wanneer waarom hoe wie welke niet geen ja nee alsjeblieft alstublieft bedankt dank
    dankjewel hallo hoi goedemorgen dag doei ziens met voor van op in aan uit bij naar over en of maar
    heel ook al nu vandaag gisteren morgen volgende week bestelling hulp wil wilt kan kunt kunnen graag
    wel er dit dat deze die`,
  sv: `och i är var vara har hade jag du han hon vi ni de min mitt mina din ditt er vår vad när hur
    varför vem vilken inte ingen ja nej tack hej hejsa god morgon kväll hejdå med för av på till från om
    men eller mycket också redan nu idag igår imorgon nästa vecka beställning hjälp vill kan skulle så
    det den en ett att som`,
  da: `og i er var være har havde jeg du han hun vi de min mit mine din dit jeres vores hvad hvor
    hvornår hvordan hvorfor hvem hvilken ikke ingen ja nej tak hej godmorgen farvel med for af på til
    fra om men eller meget også allerede nu dag går morgen næste uge ordre bestilling hjælp vil kan
    skulle så det den en et at som jer`,
  nb: `og i er var være har hadde jeg du han hun vi dere de min mitt mine din ditt vår hva hvor når
    hvordan hvorfor hvem hvilken ikke ingen ja nei takk hei god morgen ha med for av på til fra om men
    eller veldig også allerede nå dag går neste uke bestilling hjelp vil kan skulle så det den en et at
    som`,
  fi: `ja on ei minun sinun hänen me te he missä mitä mikä milloin miten miksi kuka kyllä kiitos hei moi
    terve hyvää huomenta päivää näkemiin kanssa tai mutta hyvin myös jo nyt tänään eilen huomenna ensi
    viikolla tilaus tilaukseni apua haluan voin voitteko voisitko olen olet ovat se tämä että paljon`,
  pl: `i w z na do od po jest są był była jestem ja ty on ona my wy oni mój moja moje twój twoja nasz
    gdzie co kiedy jak dlaczego kto który nie tak proszę dziękuję dzień dobry cześć widzenia dla ale
    lub albo bardzo też już teraz dzisiaj dziś wczoraj jutro tydzień tygodniu przyszłym zamówienie
    zamówienia pomoc chcę mogę może czy się to mam ma paczka`,
  cs: `a i v s z na do od po je jsou byl byla jsem já ty on ona my vy oni můj moje moja tvůj náš kde co
    kdy jak proč kdo který ne ano prosím děkuji dobrý den ahoj shledanou pro ale nebo velmi také už teď
    dnes včera zítra týden příští objednávka objednávku pomoc chci můžu může mám má se to`,
  tr: `ve bir bu şu o da de ne nerede nasıl zaman neden kim hangi benim senin bizim var yok ile için mi
    mı mu mü evet hayır lütfen teşekkürler teşekkür ederim merhaba selam günaydın iyi akşamlar
    görüşürüz ama veya çok zaten şimdi bugün dün yarın gelecek hafta sipariş siparişim yardım istiyorum`,
  hu: `a az és van vannak volt én te ő mi ti ők hol mikor hogyan miért ki melyik nem igen köszönöm
    köszi szia jó napot reggelt viszontlátásra is de vagy nagyon már most ma tegnap holnap jövő hét
    rendelés rendelésem segítség szeretnék kérem hogy egy`,
  ro: `și în nu pe eu tu el ea noi voi ei meu mea unde ce când cum cine care este sunt am ai are cu
    pentru din la da mulțumesc mersi bună ziua salut vă rog dar sau foarte deja acum azi astăzi ieri
    mâine săptămâna viitoare comanda ajutor vreau pot`,
  id: `saya aku kamu anda dia kami kita mereka di ke dari yang dan atau tapi tidak bukan ya ini itu apa
    mana dimana kapan bagaimana mengapa kenapa siapa ada dengan untuk terima kasih halo selamat pagi
    siang malam sudah belum sekarang hari kemarin besok minggu depan pesanan bantuan mau ingin bisa
    tolong`,
  vi: `tôi bạn anh chị em của là có không và hoặc nhưng ở đâu gì khi nào thế tại sao ai này đó với cho
    từ xin chào cảm ơn vâng đã chưa bây giờ hôm nay qua ngày mai tuần sau đơn hàng giúp muốn được`,
  ru: `и в во не на я ты он она мы вы они мой моя моё мои твой наш где что когда как почему кто какой
    есть с со для это у по да нет пожалуйста спасибо здравствуйте привет добрый день до свидания но
    или очень тоже уже сейчас сегодня вчера завтра неделе следующей заказ помощь хочу могу можно был
    была`,
  uk: `і й в у не на я ти він вона ми ви вони мій моя моє мої твій наш де що коли як чому хто який є з
    зі для це по так ні будь ласка дякую привіт добрий день до побачення але або дуже теж вже зараз
    сьогодні вчора завтра тижні наступному замовлення допомога хочу можу можна був була`,
  bg: `и в не на аз ти той тя ние вие те мой моя къде какво кога как защо кой има с за това да моля
    благодаря здравейте здравей добър ден довиждане но или много вече сега днес вчера утре седмица
    поръчка помощ искам мога`,
};

/** Letters that, among the allowed languages, point to one of them. */
export const languageMarkerLetters: Record<string, string> = {
  tr: 'şğı',
  es: 'ñ¿¡',
  pt: 'ãõ',
  pl: 'łąęśżźćń',
  cs: 'řůě',
  hu: 'őű',
  de: 'ß',
  sv: 'å',
  da: 'øæ',
  uk: 'іїє',
  ru: 'ыэ',
  fr: 'œ',
  ro: 'șț',
  vi: 'ơưđ',
  fa: 'پچژگکی',
};

/** Scripts that name their language outright; the trigram guesser is only needed for shared scripts. */
export const scriptLanguages: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/u, 'ja'],
  [/[\uac00-\ud7af]/u, 'ko'],
  [/[\u0e00-\u0e7f]/u, 'th'],
  [/[\u0590-\u05ff]/u, 'he'],
  [/[\u0370-\u03ff]/u, 'el'],
  [/[\u0900-\u097f]/u, 'hi'],
  [/[\u4e00-\u9fff]/u, 'zh'],
];

/**
 * Scripts several detectable languages share: the guess is made among these only. `needsWords`:
 * every language of the family has common words listed, so a text with none of them is not
 * recognisably any of them.
 */
export const scriptFamilies: Array<{ script: RegExp; languages: string[]; needsWords?: boolean }> = [
  { script: /\p{Script=Cyrillic}/u, languages: ['ru', 'uk', 'bg'] },
  { script: /\p{Script=Arabic}/u, languages: ['ar', 'fa'] },
  {
    script: /\p{Script=Latin}/u,
    needsWords: true,
    languages: [
      'en',
      'de',
      'fr',
      'es',
      'it',
      'pt',
      'nl',
      'pl',
      'cs',
      'sv',
      'da',
      'nb',
      'fi',
      'tr',
      'hu',
      'ro',
      'id',
      'vi',
    ],
  },
];
