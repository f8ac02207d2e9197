import type { Bilingual } from './text-tools'

/** One phrase from each list is woven into the prompt, so the image takes on the style. */
export interface StylePhraseBank {
  era: readonly string[]
  material: readonly string[]
  light: readonly string[]
  composition: readonly string[]
}

export const STYLE_PHRASE_BANKS: Readonly<Record<string, Bilingual<StylePhraseBank>>> = {
  renaissance: {
    de: {
      era: ['als Gemälde der italienischen Renaissance um 1500', 'im Stil eines Florentiner Meisters des 15. Jahrhunderts', 'wie ein Altarbild der Hochrenaissance'],
      material: ['Ölfarbe auf Holztafel', 'Tempera mit Blattgold', 'Fresko auf feuchtem Kalkputz', 'feine Lasuren auf Leinwand'],
      light: ['weiches Licht von links mit Sfumato', 'warmes Kerzenlicht und tiefe Schatten', 'goldenes Abendlicht über einer Hügellandschaft'],
      composition: ['ruhige Dreieckskomposition', 'Zentralperspektive mit Fluchtpunkt in der Mitte', 'Säulenbögen und eine ferne blaue Landschaft'],
    },
    en: {
      era: ['as an Italian Renaissance painting around 1500', 'in the manner of a 15th-century Florentine master', 'like a High Renaissance altarpiece'],
      material: ['oil paint on a wooden panel', 'tempera with gold leaf', 'fresco on wet lime plaster', 'fine glazes on canvas'],
      light: ['soft light from the left with sfumato', 'warm candlelight and deep shadows', 'golden evening light over rolling hills'],
      composition: ['a calm pyramid composition', 'central perspective with the vanishing point in the middle', 'arches, columns and a distant blue landscape'],
    },
  },
  bauhaus: {
    de: {
      era: ['im Bauhaus-Stil der 1920er Jahre', 'wie ein Plakat aus der Dessauer Bauhaus-Werkstatt', 'nach den Lehren von Kandinsky und Klee'],
      material: ['Stahlrohr, Glas und Beton', 'Siebdruck in flachen Farbflächen', 'Papiercollage mit klaren Kanten'],
      light: ['klares, gleichmäßiges Tageslicht', 'harte Schatten von Fensterrastern', 'helles Werkstattlicht'],
      composition: ['Kreis, Quadrat und Dreieck in Rot, Gelb und Blau', 'strenge Diagonalen und serifenlose Schrift', 'asymmetrisches Raster mit viel Weißraum'],
    },
    en: {
      era: ['in the Bauhaus style of the 1920s', 'like a poster from the Dessau Bauhaus workshop', 'following the lessons of Kandinsky and Klee'],
      material: ['tubular steel, glass and concrete', 'screen print in flat colour fields', 'paper collage with crisp edges'],
      light: ['clear, even daylight', 'hard shadows from window grids', 'bright workshop light'],
      composition: ['circle, square and triangle in red, yellow and blue', 'strict diagonals and sans-serif lettering', 'an asymmetric grid with lots of white space'],
    },
  },
  analog_photography_1870s: {
    de: {
      era: ['als Fotografie aus den 1870er Jahren', 'wie ein Atelierfoto aus der Kaiserzeit', 'als Albuminabzug aus einem alten Familienalbum'],
      material: ['Kollodium-Nassplatte', 'Albuminpapier in Sepiabraun', 'Glasnegativ mit Kratzern und Staub'],
      light: ['Nordlicht durch ein großes Atelierfenster', 'lange Belichtung mit leicht verwischten Rändern', 'blasses, weiches Tageslicht'],
      composition: ['steife, frontale Pose vor gemaltem Hintergrund', 'ovale Vignette mit dunklen Ecken', 'ruhige Mittelachse und viel Stille'],
    },
    en: {
      era: ['as a photograph from the 1870s', 'like a Victorian studio portrait', 'as an albumen print from an old family album'],
      material: ['wet collodion plate', 'sepia-brown albumen paper', 'glass negative with scratches and dust'],
      light: ['north light through a tall studio window', 'a long exposure with slightly blurred edges', 'pale, soft daylight'],
      composition: ['a stiff, frontal pose before a painted backdrop', 'an oval vignette with dark corners', 'a calm central axis and a lot of stillness'],
    },
  },
  analog_photography_1970s: {
    de: {
      era: ['als Schnappschuss aus den 1970er Jahren', 'wie ein Urlaubsfoto von 1975', 'als Bild aus einem Familienalbum der Siebziger'],
      material: ['Kleinbildfilm mit sichtbarem Korn', 'Polaroid mit weißem Rand', 'Diafilm mit leicht verblassten Farben'],
      light: ['warmes Nachmittagslicht mit Orangestich', 'harter Blitz mit roten Augen', 'Gegenlicht mit Linsenreflexen'],
      composition: ['leicht schiefer Bildausschnitt', 'abgerundete Ecken und Vignette', 'Zoomobjektiv, nah dran'],
    },
    en: {
      era: ['as a 1970s snapshot', 'like a holiday photo from 1975', 'as a picture from a seventies family album'],
      material: ['35 mm film with visible grain', 'a Polaroid with a white border', 'slide film with slightly faded colours'],
      light: ['warm afternoon light with an orange cast', 'harsh flash with red eyes', 'backlight with lens flares'],
      composition: ['a slightly tilted frame', 'rounded corners and a vignette', 'zoom lens, close up'],
    },
  },
  digital_photography: {
    de: {
      era: ['als gestochen scharfes Digitalfoto von heute', 'wie ein Bild aus einer modernen Spiegelreflexkamera', 'als Handyfoto im Porträtmodus'],
      material: ['hochauflösender Sensor, 50 Megapixel', 'RAW-Datei mit kräftigen Farben', 'HDR-Aufnahme mit vielen Details'],
      light: ['goldene Stunde kurz vor Sonnenuntergang', 'Studioblitz mit Softbox', 'kühles Licht eines bedeckten Tages'],
      composition: ['geringe Schärfentiefe mit weichem Hintergrund', 'Drittelregel und klare Linien', 'Weitwinkel aus der Froschperspektive'],
    },
    en: {
      era: ['as a razor-sharp digital photo of today', 'like a shot from a modern mirrorless camera', 'as a phone photo in portrait mode'],
      material: ['high-resolution 50-megapixel sensor', 'RAW file with vivid colours', 'HDR capture full of detail'],
      light: ['golden hour just before sunset', 'studio flash with a softbox', 'cool light of an overcast day'],
      composition: ['shallow depth of field with a creamy background', 'rule of thirds and clean lines', "wide angle from a worm's-eye view"],
    },
  },
  technicaldrawing: {
    de: {
      era: ['als technische Zeichnung', 'wie ein Ingenieursplan aus dem Zeichenbüro', 'als Patentzeichnung'],
      material: ['feine Tuschelinien auf Transparentpapier', 'blaue Blaupause mit weißen Linien', 'Bleistift auf Millimeterpapier'],
      light: ['ohne Schatten, nur Linien', 'gleichmäßige Schraffur für Schnittflächen', 'klarer weißer Grund'],
      composition: ['Vorderansicht, Seitenansicht und Draufsicht', 'Maßlinien, Pfeile und nummerierte Teile', 'Explosionszeichnung mit Beschriftung'],
    },
    en: {
      era: ['as a technical drawing', "like an engineer's plan from the drafting office", 'as a patent drawing'],
      material: ['fine ink lines on tracing paper', 'a blueprint with white lines', 'pencil on graph paper'],
      light: ['no shadows, only lines', 'even hatching for cut surfaces', 'a clean white ground'],
      composition: ['front, side and top views', 'dimension lines, arrows and numbered parts', 'an exploded view with labels'],
    },
  },
  confucianliterati: {
    de: {
      era: ['im Stil der chinesischen Literatenmalerei', 'wie ein Rollbild eines Gelehrten der Song-Zeit', 'als Tuschemalerei der Ming-Zeit'],
      material: ['schwarze Tusche auf Reispapier', 'zarte Farben auf Seide', 'Pinselstriche mit rotem Namenssiegel'],
      light: ['Nebel, der zwischen Bergen schwebt', 'leerer Raum als stilles Licht', 'blasser Mond über Kiefern'],
      composition: ['hohe Hängerolle mit fernen Bergen', 'ein Gedicht in Kalligrafie am Rand', 'Bambus, Pflaumenblüte und ein einsamer Pavillon'],
    },
    en: {
      era: ['in the style of Chinese literati painting', 'like a hanging scroll by a Song dynasty scholar', 'as a Ming dynasty ink painting'],
      material: ['black ink on rice paper', 'delicate colours on silk', 'brush strokes with a red name seal'],
      light: ['mist floating between mountains', 'empty space as quiet light', 'a pale moon above pine trees'],
      composition: ['a tall hanging scroll with distant peaks', 'a poem in calligraphy at the edge', 'bamboo, plum blossom and a lonely pavilion'],
    },
  },
  cooked_negatives: {
    de: {
      era: ['als experimentelles Foto von gekochten Negativen', 'wie ein Bild aus einem Dunkelkammer-Experiment', 'als chemisch verfremdetes Analogfoto'],
      material: ['Filmemulsion, in Kaffee und Essig gekocht', 'geschmolzene, blasige Filmschicht', 'Negativ mit Rissen, Flecken und Farbfluss'],
      light: ['überbelichtete Stellen in Magenta und Türkis', 'verlaufende Farben wie Ölflecken', 'leuchtende Säureflecken'],
      composition: ['das Motiv halb aufgelöst in Blasen', 'verbrannte Ränder und Perforation sichtbar', 'zufällige Muster quer durchs Bild'],
    },
    en: {
      era: ['as an experimental photo from cooked negatives', 'like a picture from a darkroom experiment', 'as a chemically altered analogue photo'],
      material: ['film emulsion boiled in coffee and vinegar', 'melted, blistered film layer', 'a negative with cracks, stains and colour bleed'],
      light: ['overexposed patches in magenta and teal', 'colours running like oil stains', 'glowing acid spots'],
      composition: ['the subject half dissolved into bubbles', 'burnt edges and visible sprocket holes', 'random patterns across the frame'],
    },
  },
  analogue_copy: {
    de: {
      era: ['als Fotokopie einer Fotokopie', 'wie ein Fanzine aus dem Kopierladen', 'als vielfach kopiertes Flugblatt'],
      material: ['Toner auf grauem Kopierpapier', 'körnige Schwarz-Weiß-Kopie', 'Umdruck in Blauviolett'],
      light: ['hartes Schwarz und verblasstes Weiß', 'Streifen vom Scannerlicht', 'ausgefranste Kontraste'],
      composition: ['schiefe Kanten und abgeschnittene Ränder', 'Rauschen und Flecken vom Kopierglas', 'Ausschnitt vergrößert, bis die Punkte sichtbar sind'],
    },
    en: {
      era: ['as a photocopy of a photocopy', 'like a zine from the copy shop', 'as a flyer copied many times over'],
      material: ['toner on grey copy paper', 'grainy black-and-white copy', 'spirit duplicator print in blue-violet'],
      light: ['harsh black and faded white', 'streaks from the scanner light', 'frayed contrast'],
      composition: ['skewed edges and cut-off margins', 'noise and specks from the copier glass', 'a detail enlarged until the dots show'],
    },
  },
}
