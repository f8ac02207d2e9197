/**
 * Turkish → English words children use when describing art ideas. Keys are lower-case (Turkish
 * casing: "ı" and "i" are two letters) and bare stems: the translator strips case, plural,
 * possessive and verb endings first (translation-turkish.ts).
 */
export const TURKISH_WORDS: Readonly<Record<string, string>> = {
  // function words
  bir: 'a', ve: 'and', ile: 'with', veya: 'or', ya: 'or', ama: 'but', fakat: 'but', çünkü: 'because', için: 'for', gibi: 'like',
  kadar: 'as far as', sonra: 'after', önce: 'before', değil: 'not', yok: 'no', var: 'there is', çok: 'very', daha: 'more',
  en: 'most', az: 'little', hiç: 'no', her: 'every', bütün: 'all', tüm: 'all', hep: 'always', hepsi: 'all', biraz: 'a little',
  bu: 'this', şu: 'that', o: 'it', burada: 'here', orada: 'there', şimdi: 'now', bugün: 'today', yarın: 'tomorrow',
  dün: 'yesterday', bazen: 'sometimes', birden: 'suddenly', birlikte: 'together', beraber: 'together', yalnız: 'alone',
  tek: 'single', yine: 'again', tekrar: 'again', de: 'too', da: 'too', mi: '', mı: '', mu: '', mü: '', ne: 'what', kim: 'who',
  nerede: 'where', neden: 'why', nasıl: 'how', evet: 'yes', hayır: 'no', merhaba: 'hello',
  iç: 'inside', içinde: 'inside', üst: 'top', üstünde: 'on top of', üzerinde: 'on', alt: 'bottom', altında: 'under',
  yan: 'side', yanında: 'next to', ön: 'front', önünde: 'in front of', arka: 'back', arkasında: 'behind', arasında: 'between',
  etrafında: 'around', karşı: 'against', doğru: 'towards', yukarı: 'up', aşağı: 'down', dışarı: 'outside', içeri: 'inside',
  // pronouns and possessives
  ben: 'I', sen: 'you', biz: 'we', siz: 'you', onlar: 'they', beni: 'me', bana: 'to me', benim: 'my', senin: 'your',
  onun: 'its', bizim: 'our', sizin: 'your', onların: 'their', kendi: 'own', biri: 'someone', kimse: 'nobody',
  // numbers
  iki: 'two', üç: 'three', dört: 'four', beş: 'five', altı: 'six', yedi: 'seven', sekiz: 'eight', dokuz: 'nine', on: 'ten',
  yüz: 'hundred', bin: 'thousand', ilk: 'first', son: 'last', yarım: 'half', çift: 'pair',
  // adjectives
  büyük: 'big', küçük: 'small', kocaman: 'huge', dev: 'giant', minik: 'tiny', minicik: 'tiny', uzun: 'long', kısa: 'short',
  yüksek: 'high', derin: 'deep', şişman: 'fat', ince: 'thin', yaşlı: 'old', eski: 'old', yeni: 'new', genç: 'young',
  hızlı: 'fast', yavaş: 'slow', gürültülü: 'loud', sessiz: 'quiet', parlak: 'bright', karanlık: 'dark', sıcak: 'hot',
  soğuk: 'cold', ılık: 'warm', ıslak: 'wet', kuru: 'dry', yumuşak: 'soft', sert: 'hard', ağır: 'heavy', hafif: 'light',
  dolu: 'full', boş: 'empty', güzel: 'beautiful', çirkin: 'ugly', tatlı: 'sweet', sevimli: 'cute', komik: 'funny',
  üzgün: 'sad', neşeli: 'cheerful', mutlu: 'happy', kızgın: 'angry', yorgun: 'tired', cesur: 'brave', güçlü: 'strong',
  zayıf: 'weak', vahşi: 'wild', evcil: 'tame', nazik: 'kind', kibar: 'polite', iyi: 'good', kötü: 'bad', tehlikeli: 'dangerous',
  korkunç: 'scary', sihirli: 'magical', büyülü: 'enchanted', gizli: 'secret', garip: 'strange', tuhaf: 'strange',
  çılgın: 'crazy', harika: 'great', süper: 'super', renkli: 'colourful', rengarenk: 'colourful', yuvarlak: 'round',
  sivri: 'pointed', düz: 'flat', sakin: 'calm', huzurlu: 'peaceful', fırtınalı: 'stormy', güneşli: 'sunny', sisli: 'foggy',
  yağmurlu: 'rainy', karlı: 'snowy', temiz: 'clean', kirli: 'dirty', kırık: 'broken', zengin: 'rich', aç: 'hungry',
  tok: 'full', hasta: 'sick', uzak: 'far', yakın: 'near', gerçek: 'real', parlayan: 'glowing', şeffaf: 'transparent',
  fütüristik: 'futuristic', modern: 'modern', kutsal: 'sacred', ünlü: 'famous', uçan: 'flying', yüzen: 'floating',
  // colours
  renk: 'colour', kırmızı: 'red', mavi: 'blue', yeşil: 'green', sarı: 'yellow', turuncu: 'orange', mor: 'purple',
  pembe: 'pink', siyah: 'black', kara: 'black', beyaz: 'white', ak: 'white', gri: 'grey', kahverengi: 'brown',
  altın: 'gold', gümüş: 'silver', turkuaz: 'turquoise', lacivert: 'navy blue', açık: 'light', koyu: 'dark',
  // animals
  hayvan: 'animal', köpek: 'dog', kedi: 'cat', yavru: 'baby animal', fare: 'mouse', at: 'horse', inek: 'cow', domuz: 'pig',
  koyun: 'sheep', keçi: 'goat', tavuk: 'chicken', horoz: 'rooster', ördek: 'duck', kaz: 'goose', kuş: 'bird', balık: 'fish',
  köpekbalığı: 'shark', balina: 'whale', yunus: 'dolphin', ahtapot: 'octopus', denizanası: 'jellyfish', kaplumbağa: 'turtle',
  kurbağa: 'frog', yılan: 'snake', kertenkele: 'lizard', timsah: 'crocodile', dinozor: 'dinosaur', ejderha: 'dragon',
  ejder: 'dragon', tekboynuz: 'unicorn', unicorn: 'unicorn', aslan: 'lion', kaplan: 'tiger', ayı: 'bear',
  kurt: 'wolf', tilki: 'fox', tavşan: 'rabbit', sincap: 'squirrel', kirpi: 'hedgehog', geyik: 'deer', fil: 'elephant',
  zürafa: 'giraffe', zebra: 'zebra', maymun: 'monkey', penguen: 'penguin', baykuş: 'owl', kartal: 'eagle', papağan: 'parrot',
  güvercin: 'pigeon', kelebek: 'butterfly', arı: 'bee', böcek: 'bug', karınca: 'ant', örümcek: 'spider',
  tırtıl: 'caterpillar', salyangoz: 'snail', solucan: 'worm', deve: 'camel', kanguru: 'kangaroo', koala: 'koala', panda: 'panda',
  // nature, weather and sky
  doğa: 'nature', ağaç: 'tree', çiçek: 'flower', gül: 'rose', yaprak: 'leaf', çimen: 'grass', ot: 'grass', çayır: 'meadow',
  orman: 'forest', cangıl: 'jungle', dağ: 'mountain', tepe: 'hill', vadi: 'valley', nehir: 'river', ırmak: 'river', dere: 'stream',
  göl: 'lake', deniz: 'sea', okyanus: 'ocean', plaj: 'beach', sahil: 'coast', kum: 'sand', ada: 'island', çöl: 'desert',
  mağara: 'cave', taş: 'stone', kaya: 'rock', su: 'water', dalga: 'wave', ateş: 'fire', toprak: 'earth', dünya: 'world',
  hava: 'air', gökyüzü: 'sky', gök: 'sky', güneş: 'sun', ay: 'moon', yıldız: 'star', gezegen: 'planet', uzay: 'space',
  galaksi: 'galaxy', bulut: 'cloud', yağmur: 'rain', kar: 'snow', buz: 'ice', rüzgar: 'wind', rüzgâr: 'wind', fırtına: 'storm',
  şimşek: 'lightning', yıldırım: 'lightning', sis: 'fog', gökkuşağı: 'rainbow', ışık: 'light', gölge: 'shadow', gün: 'day',
  gece: 'night', akşam: 'evening', sabah: 'morning', yaz: 'summer', kış: 'winter', ilkbahar: 'spring',
  bahar: 'spring', sonbahar: 'autumn', yanardağ: 'volcano', şelale: 'waterfall', bahçe: 'garden', mantar: 'mushroom',
  mercan: 'coral', kabuk: 'shell',
  // people and figures
  insan: 'person', insanlar: 'people', çocuk: 'child', bebek: 'baby', kız: 'girl', oğlan: 'boy', erkek: 'man', adam: 'man',
  kadın: 'woman', anne: 'mother', baba: 'father', nine: 'grandma', babaanne: 'grandma', anneanne: 'grandma', dede: 'grandpa',
  kardeş: 'sibling', abla: 'big sister', ağabey: 'big brother', abi: 'big brother', aile: 'family', arkadaş: 'friend',
  dost: 'friend', öğretmen: 'teacher', öğrenci: 'student', kral: 'king', kraliçe: 'queen', prens: 'prince', prenses: 'princess',
  şövalye: 'knight', cadı: 'witch', büyücü: 'wizard', peri: 'fairy', cüce: 'dwarf', korsan: 'pirate', astronot: 'astronaut',
  robot: 'robot', canavar: 'monster', hayalet: 'ghost', uzaylı: 'alien', kahraman: 'hero',
  palyaço: 'clown', aşçı: 'cook', doktor: 'doctor', polis: 'police officer', itfaiyeci: 'firefighter', çiftçi: 'farmer',
  ressam: 'painter', sanatçı: 'artist', müzisyen: 'musician', dansçı: 'dancer', sporcu: 'athlete', futbolcu: 'football player',
  // places and buildings
  ev: 'house', evim: 'my house', oda: 'room', mutfak: 'kitchen', okul: 'school', sınıf: 'classroom', şehir: 'city', köy: 'village',
  sokak: 'street', cadde: 'street', yol: 'road', köprü: 'bridge', kale: 'castle', saray: 'palace', kule: 'tower', park: 'park',
  hastane: 'hospital', market: 'supermarket', dükkan: 'shop', müze: 'museum', kütüphane: 'library',
  istasyon: 'station', havalimanı: 'airport', liman: 'harbour', fener: 'lantern', çiftlik: 'farm',
  sirk: 'circus', lunapark: 'fair', stadyum: 'stadium', cami: 'mosque', kilise: 'church',
  çadır: 'tent', duvar: 'wall', pencere: 'window', kapı: 'door', çatı: 'roof', merdiven: 'stairs',
  // things
  top: 'ball', oyuncak: 'toy', kitap: 'book', kalem: 'pencil', resim: 'picture', boya: 'paint', fırça: 'brush', kağıt: 'paper',
  masa: 'table', sandalye: 'chair', yatak: 'bed', koltuk: 'armchair', lamba: 'lamp', saat: 'clock', ayna: 'mirror',
  telefon: 'phone', bilgisayar: 'computer', tablet: 'tablet', oyun: 'game', balon: 'balloon', uçurtma: 'kite', şapka: 'hat',
  taç: 'crown', elbise: 'dress', ayakkabı: 'shoe', çanta: 'bag', şemsiye: 'umbrella', gözlük: 'glasses', hazine: 'treasure',
  sandık: 'chest', harita: 'map', anahtar: 'key', kutu: 'box', hediye: 'present', mum: 'candle', gitar: 'guitar', davul: 'drum',
  piyano: 'piano', müzik: 'music', şarkı: 'song', mektup: 'letter', bayrak: 'flag', kılıç: 'toy sword', asa: 'staff',
  değnek: 'wand', kanat: 'wing', boynuz: 'horn', kuyruk: 'tail', göz: 'eye', kulak: 'ear',
  burun: 'nose', ağız: 'mouth', el: 'hand', ayak: 'foot', kol: 'arm', bacak: 'leg', baş: 'head', kafa: 'head', saç: 'hair',
  kalp: 'heart',
  // vehicles
  araba: 'car', otobüs: 'bus', tren: 'train', uçak: 'aeroplane', gemi: 'ship', tekne: 'boat', bisiklet: 'bicycle',
  kaykay: 'skateboard', roket: 'rocket', denizaltı: 'submarine', helikopter: 'helicopter',
  traktör: 'tractor', kamyon: 'lorry', motosiklet: 'motorbike', sal: 'raft',
  // food
  yemek: 'food', ekmek: 'bread', peynir: 'cheese', elma: 'apple', armut: 'pear', muz: 'banana', çilek: 'strawberry',
  karpuz: 'watermelon', kiraz: 'cherry', portakal: 'orange', limon: 'lemon', üzüm: 'grapes', havuç: 'carrot', domates: 'tomato',
  patates: 'potato', pizza: 'pizza', makarna: 'pasta', çorba: 'soup', dondurma: 'ice cream', pasta: 'cake', kek: 'cake',
  kurabiye: 'biscuit', çikolata: 'chocolate', şeker: 'sweets', bal: 'honey', süt: 'milk', çay: 'tea', kahve: 'coffee',
  meyve: 'fruit', sebze: 'vegetable', simit: 'sesame ring', lokum: 'Turkish delight', yumurta: 'egg', kakao: 'cocoa',
  // art words
  sanat: 'art', çizim: 'drawing', heykel: 'sculpture', fotoğraf: 'photo', film: 'film', dans: 'dance', hikaye: 'story',
  hikâye: 'story', masal: 'fairy tale', rüya: 'dream', düş: 'dream', şekil: 'shape', daire: 'circle', kare: 'square',
  üçgen: 'triangle', çizgi: 'line', nokta: 'dot', desen: 'pattern', parti: 'party', bayram: 'holiday',
  futbol: 'football', maç: 'match', yarış: 'race', tatil: 'holiday', zaman: 'time', gelecek: 'future', geçmiş: 'past',
}

/** Verb stems → the English verb; its -ing and -s forms are derived (translation-turkish.ts). */
export const TURKISH_VERBS: Readonly<Record<string, string>> = {
  uç: 'fly', koş: 'run', yürü: 'walk', yüz: 'swim', zıpla: 'jump', atla: 'jump', söyle: 'sing', uyu: 'sleep',
  ye: 'eat', iç: 'drink', gül: 'laugh', ağla: 'cry', boya: 'paint', çiz: 'draw', otur: 'sit', dur: 'stand', yat: 'lie',
  git: 'go', gel: 'come', gör: 'see', bak: 'look', parla: 'shine', parılda: 'sparkle', büyü: 'grow', yap: 'make', kur: 'build',
  sür: 'drive', yaşa: 'live', tut: 'hold', giy: 'wear', düş: 'fall', tırman: 'climb', yakala: 'catch',
  bekle: 'wait', ara: 'search', bul: 'find', getir: 'bring', al: 'take', pişir: 'cook', oku: 'read', yaz: 'write',
  konuş: 'speak', çağır: 'call', duy: 'hear', dinle: 'listen', sev: 'love', bin: 'ride', kovala: 'chase',
  saklan: 'hide', aç: 'open', kapa: 'close', et: '', ol: 'become', eri: 'melt', gez: 'wander', dal: 'dive', yuvarlan: 'roll', dön: 'turn',
  çek: 'pull', it: 'push', at: 'throw', sarıl: 'hug', oyna: 'play', çal: 'play', uçuş: 'flutter', süzül: 'glide', yüzdür: 'float',
  kutla: 'celebrate', gülümse: 'smile', seyret: 'watch', izle: 'watch', topla: 'collect', ek: 'plant', dik: 'plant', sula: 'water',
}
