<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
  <context>
    <name>hyspec</name>
    <message>
      <location filename="hyspec_qgis/provider.py" line="77" />
      <source>Hyperspectral (NEON AOP)</source>
      <translation>Hyperspectral (NEON AOP)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/provider.py" line="80" />
      <source>hyspec: NEON AOP imaging spectroscopy</source>
      <translation>hyspec : spectroscopie imageante NEON AOP</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/provider.py" line="56" />
      <source>Tutorial models</source>
      <translation>Modèles des tutoriels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/provider.py" line="49" />
      <source>NEON tutorial: k-means and PCA</source>
      <translation>Tutoriel NEON : k-means et ACP</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/provider.py" line="50" />
      <source>NEON tutorial: endmembers, unmixing and SID</source>
      <translation>Tutoriel NEON : endmembers, démélange et SID</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/provider.py" line="51" />
      <source>NEON tutorial: download a tile, then k-means and PCA</source>
      <translation>Tutoriel NEON : télécharger une dalle, puis k-means et ACP</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/provider.py" line="52" />
      <source>Learned features (autoencoder), then k-means</source>
      <translation>Caractéristiques apprises (autoencodeur), puis k-means</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile.py" line="33" />
      <source>Spectral profile</source>
      <translation>Profil spectral</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile.py" line="36" />
      <source>Spectral profile: click a pixel of a raster with wavelengths to see its spectrum</source>
      <translation>Profil spectral : cliquez sur un pixel d'un raster avec longueurs d'onde pour afficher son spectre</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="96" />
      <source>The raster whose pixels are read; follows the layer selected in the Layers panel</source>
      <translation>Le raster dont les pixels sont lus ; suit la couche sélectionnée dans le panneau Couches</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="107" />
      <source>Row and column are 0-based; coordinates are the pixel centre in the layer's CRS</source>
      <translation>Ligne et colonne numérotées à partir de 0 ; les coordonnées sont celles du centre du pixel, dans le SCR de la couche</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="110" />
      <source>Add</source>
      <translation>Ajouter</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="110" />
      <source>Keep the current spectrum for comparison (or Shift-click on the map)</source>
      <translation>Conserver le spectre courant pour comparaison (ou Maj+clic sur la carte)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="112" />
      <source>Remove</source>
      <translation>Retirer</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="112" />
      <source>Remove the selected spectra</source>
      <translation>Retirer les spectres sélectionnés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="114" />
      <source>Clear</source>
      <translation>Effacer</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="114" />
      <source>Remove every spectrum</source>
      <translation>Retirer tous les spectres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="115" />
      <source>Overlay CSV…</source>
      <translation>Superposer un CSV…</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="116" />
      <source>Draw the spectra of a spectra CSV (endmembers, cluster centres) in their class colours</source>
      <translation>Tracer les spectres d'un CSV de spectres (endmembers, centres de classes) dans les couleurs de leurs classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="118" />
      <source>Export CSV…</source>
      <translation>Exporter en CSV…</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="119" />
      <source>Save the spectra shown as a spectra CSV (band,wavelength_nm,name1,name2,...) usable as ENDMEMBERS or START_CENTERS</source>
      <translation>Enregistrer les spectres affichés dans un CSV de spectres (band,wavelength_nm,name1,name2,...) utilisable comme ENDMEMBERS ou START_CENTERS</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="309" />
      <source>Overlay a spectra CSV</source>
      <translation>Superposer un CSV de spectres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="310" />
      <source>Spectra CSV (*.csv);;All files (*)</source>
      <translation>CSV de spectres (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="314" />
      <source>Export the spectra shown</source>
      <translation>Exporter les spectres affichés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="315" />
      <source>Spectra CSV (*.csv)</source>
      <translation>CSV de spectres (*.csv)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="93" />
      <source>Layer</source>
      <translation>Couche</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="191" />
      <source>Choose a raster layer with wavelengths first.</source>
      <translation>Choisissez d'abord une couche raster avec longueurs d'onde.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="222" />
      <source>{0}: row {1}, col {2} ({3}, {4})</source>
      <translation>{0} : ligne {1}, colonne {2} ({3}, {4})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="229" />
      <source>{0}: row {1}, col {2}, {3} bands</source>
      <translation>{0} : ligne {1}, colonne {2}, {3} bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="255" />
      <source>Select spectra in the list to remove them.</source>
      <translation>Sélectionnez des spectres dans la liste pour les retirer.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="278" />
      <source>Spectra CSV</source>
      <translation>CSV de spectres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="299" />
      <source>Exported {0} spectra ({1} bands) to {2}</source>
      <translation>{0} spectres ({1} bandes) exportés dans {2}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="232" />
      <source>; {0} bands are no-data (gaps in the line)</source>
      <translation> ; {0} bandes sans donnée (interruptions de la courbe)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="286" />
      <source>{0}: {1} spectra</source>
      <translation>{0} : {1} spectres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="302" />
      <source>; left out (no-data bands): {0}</source>
      <translation> ; exclus (bandes sans donnée) : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="304" />
      <source>; {0} bands not shared by every spectrum were left out</source>
      <translation> ; {0} bandes non communes à tous les spectres ont été exclues</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="165" />
      <source>{0} (current)</source>
      <translation>{0} (courant)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="167" />
      <source>CSV column: {0}</source>
      <translation>Colonne du CSV : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="195" />
      <source>{0}: only rasters read through GDAL (files) have pixel spectra.</source>
      <translation>{0} : seuls les rasters lus via GDAL (fichiers) ont des spectres de pixels.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="225" />
      <source>[{0} no-data bands]</source>
      <translation>[{0} bandes sans donnée]</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="281" />
      <source>{0} ({1})</source>
      <translation>{0} ({1})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="169" />
      <source>Coordinates in {0}</source>
      <translation>Coordonnées en {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="202" />
      <source>{0}: the point cannot be transformed to the layer's CRS.</source>
      <translation>{0} : le point ne peut pas être transformé dans le SCR de la couche.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="212" />
      <source>{0}: no data at this pixel (row {1}, col {2}).</source>
      <translation>{0} : aucune donnée à ce pixel (ligne {1}, colonne {2}).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_dock.py" line="208" />
      <source>{0}: the point is outside the raster.</source>
      <translation>{0} : le point est en dehors du raster.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_plot.py" line="19" />
      <source>Wavelength (nm)</source>
      <translation>Longueur d'onde (nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_plot.py" line="19" />
      <source>Reflectance</source>
      <translation>Réflectance</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/gui/profile_plot.py" line="68" />
      <source>Click a pixel of a raster with wavelengths</source>
      <translation>Cliquez sur un pixel d'un raster avec longueurs d'onde</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="57" />
      <source>This algorithm needs the Python package '{0}', which the QGIS Python cannot import.
Debian/Ubuntu: {1}
Windows (OSGeo4W Shell, as administrator): {2}
macOS (QGIS installer): {3}
Then restart QGIS.</source>
      <translation>Cet algorithme nécessite le paquet Python '{0}', que le Python de QGIS ne parvient pas à importer.
Debian/Ubuntu : {1}
Windows (OSGeo4W Shell, en tant qu'administrateur) : {2}
macOS (installateur QGIS) : {3}
Redémarrez ensuite QGIS.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="378" />
      <source>Cancelled by the user; no output was written.</source>
      <translation>Annulé par l'utilisateur ; aucune sortie n'a été écrite.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="382" />
      <source>Out of memory: process a smaller area (EXTENT in hyspec:importneon or hyspec:cleanbands) or lower SAMPLE_SIZE (hyspec:kmeans).</source>
      <translation>Mémoire insuffisante : traitez une zone plus petite (EXTENT dans hyspec:importneon ou hyspec:cleanbands) ou réduisez SAMPLE_SIZE (hyspec:kmeans).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="394" />
      <source>hyspec:{0} stopped on an unexpected error ({1}: {2}); no output was written. Please report it with the log above.</source>
      <translation>hyspec:{0} s'est arrêté sur une erreur inattendue ({1} : {2}) ; aucune sortie n'a été écrite. Merci de la signaler en joignant le journal ci-dessus.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="440" />
      <source>HTML files (*.html)</source>
      <translation>Fichiers HTML (*.html)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="442" />
      <source>An HTML page with {0} plotted against wavelength (an SVG figure; lines break at removed bands; colours are the classes' stable colours).</source>
      <translation>Une page HTML représentant {0} en fonction de la longueur d'onde (figure SVG ; les courbes s'interrompent aux bandes retirées ; les couleurs sont les couleurs fixes des classes).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="172" />
      <source>Parameters</source>
      <translation>Paramètres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="174" />
      <source>Reference</source>
      <translation>Référence</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="390" />
      <source>hyspec:{0} stopped on an unexpected error ({1}: {2}); the complete files already in {3} are kept (a run into the same folder resumes), no other output was written. Please report it with the log above.</source>
      <translation>hyspec:{0} s'est arrêté sur une erreur inattendue ({1} : {2}) ; les fichiers complets déjà présents dans {3} sont conservés (une exécution dans le même dossier reprend), aucune autre sortie n'a été écrite. Merci de la signaler en joignant le journal ci-dessus.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="424" />
      <source>{0}: no raster given or it cannot be loaded</source>
      <translation>{0} : aucun raster fourni, ou il ne peut pas être chargé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="429" />
      <source>{0}: {1} is not a file-based raster (hyspec reads rasters through GDAL from files)</source>
      <translation>{0} : {1} n'est pas un raster stocké dans un fichier (hyspec lit les rasters depuis des fichiers, via GDAL)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="439" />
      <source>Plot: {0} (HTML)</source>
      <translation>Graphique : {0} (HTML)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="211" />
      <source>{0} ({1}): must be a whole number, got {2}</source>
      <translation>{0} ({1}) : doit être un nombre entier ; valeur reçue : {2}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/base.py" line="222" />
      <source>{0} ({1}): the value is missing or not acceptable</source>
      <translation>{0} ({1}) : valeur manquante ou non valide</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="25" />
      <source>Classification</source>
      <translation>Classification</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="41" />
      <source>Reflectance raster with wavelengths (our GeoTIFFs, ENVI .dat/.hdr, GeoTIFFs from other tools), usually cleaned of the water-vapour bands first. Pixels with a no-data or NaN value in any band are 0 in the class raster and no-data in the rule raster.</source>
      <translation>Raster de réflectance avec longueurs d'onde (nos GeoTIFF, ENVI .dat/.hdr, GeoTIFF issus d'autres outils), généralement débarrassé au préalable des bandes d'absorption de la vapeur d'eau. Les pixels sans donnée (valeur no-data) ou NaN dans une bande quelconque valent 0 dans le raster de classes et no-data dans le raster de règles.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="46" />
      <source>One row per band: band,wavelength_nm,name1,name2,... (the output of N-FINDR, or a library from another tool). Rows are matched to the raster's bands by wavelength (within half a band; the CSV may have more bands than the raster); without wavelengths the band counts must agree.</source>
      <translation>Une ligne par bande : band,wavelength_nm,name1,name2,... (la sortie de N-FINDR, ou une bibliothèque spectrale issue d'un autre outil). Les lignes sont appariées aux bandes du raster par longueur d'onde (à une demi-bande près ; le CSV peut contenir plus de bandes que le raster) ; sans longueurs d'onde, les nombres de bandes doivent être identiques.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="51" />
      <source>Optional, comma-separated endmember names or 1-based numbers, in the order you want the classes, e.g. '1,3,4' for the tutorial's U[[0,2,3]] or 'vegetation,roof'. Empty: all endmembers of the CSV. Classes are numbered 1..k in this order and named after the endmembers.</source>
      <translation>Optionnel : noms d'endmembers ou numéros (à partir de 1) séparés par des virgules, dans l'ordre souhaité pour les classes, p. ex. '1,3,4' pour le U[[0,2,3]] du tutoriel, ou 'vegetation,roof'. Vide : tous les endmembers du CSV. Les classes sont numérotées 1..k dans cet ordre et portent le nom des endmembers.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="57" />
      <source>absolute: the spectra are scored as they are and a threshold is in score units (SAM: radians, as ENVI's maximum angle; SID: divergence); a pixel is eligible for a class when its score is at most the threshold. relative: pysptools' meaning, as in NEON's tutorials: the cube and the endmember library are each rescaled to 0-1 by their own minimum and maximum (over the valid pixels), and a threshold t is a fraction of the range of the scores, limit = min + (max - min) * t, where one value uses the range of all classes' scores together and a list uses each class's own range; eligible when the score is below the limit. Relative mode needs the cube's range before any score and the scores' range before any label: SID reads the raster twice; SAM reads it once and keeps a few numbers per pixel in a temporary file beside the output. In both modes a pixel goes to the lowest-scoring class it is eligible for (ties: the first), or to 0 (unclassified).</source>
      <translation>absolute : les spectres sont évalués tels quels et un seuil s'exprime dans l'unité du score (SAM : radians, comme l'angle maximal d'ENVI ; SID : divergence) ; un pixel est éligible pour une classe quand son score est inférieur ou égal au seuil. relative : le sens de pysptools, comme dans les tutoriels NEON : le cube et la bibliothèque d'endmembers sont chacun remis à l'échelle 0-1 par leurs propres minimum et maximum (sur les pixels valides), et un seuil t est une fraction de l'étendue des scores, limite = min + (max - min) * t, où une valeur unique utilise l'étendue des scores de toutes les classes réunies et une liste l'étendue propre à chaque classe ; un pixel est éligible quand son score est inférieur à la limite. Le mode relative a besoin de l'étendue du cube avant tout calcul de score et de l'étendue des scores avant toute attribution de classe : SID lit le raster deux fois ; SAM le lit une fois et conserve quelques nombres par pixel dans un fichier temporaire à côté de la sortie. Dans les deux modes, un pixel est affecté à la classe de plus faible score pour laquelle il est éligible (en cas d'égalité : la première), ou à 0 (non classé).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="69" />
      <source>Byte GeoTIFF (UInt16 past 255 classes): 0 = unclassified or no-data, 1..k = the selected endmembers, with a colour table and category names; each endmember keeps its colour whatever is selected. The metadata records the score limits actually applied and each class's score range.</source>
      <translation>GeoTIFF Byte (UInt16 au-delà de 255 classes) : 0 = non classé ou sans donnée, 1..k = les endmembers sélectionnés, avec une table de couleurs et des noms de catégories ; chaque endmember garde sa couleur quelle que soit la sélection. Les métadonnées consignent les limites de score effectivement appliquées et l'étendue des scores de chaque classe.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="75" />
      <source>Optional float32 GeoTIFF like ENVI's rule images: one band per class, named after the endmember, with each pixel's score (the value compared with the thresholds: in relative mode the score of the rescaled spectra); -9999 at no-data.</source>
      <translation>GeoTIFF float32 optionnel, à la manière des images de règles (rule images) d'ENVI : une bande par classe, nommée d'après l'endmember, contenant le score de chaque pixel (la valeur comparée aux seuils : en mode relative, le score des spectres remis à l'échelle) ; -9999 pour les pixels sans donnée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="40" />
      <source>Input raster</source>
      <translation>Raster en entrée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="44" />
      <source>Endmember spectra (CSV)</source>
      <translation>Spectres des endmembers (CSV)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="50" />
      <source>Endmembers to use</source>
      <translation>Endmembers à utiliser</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="55" />
      <source>Threshold(s)</source>
      <translation>Seuil(s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="57" />
      <source>Threshold mode</source>
      <translation>Mode de seuil</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="78" />
      <source>Unclassified valid pixels</source>
      <translation>Pixels valides non classés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="86" />
      <source>ENDMEMBERS: no spectra CSV given</source>
      <translation>ENDMEMBERS : aucun CSV de spectres fourni</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/classify_base.py" line="45" />
      <source>Spectra CSV (*.csv *.txt);;All files (*.*)</source>
      <translation>CSV de spectres (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="26" />
      <source>Clean bands (water vapour, noisy ends, band step)</source>
      <translation>Nettoyer les bandes (vapeur d'eau, extrémités bruitées, sous-échantillonnage)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="27" />
      <source>Preprocessing</source>
      <translation>Prétraitement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="29" />
      <source>&lt;p&gt;Removes the bands that NEON's tutorials remove before any analysis and writes the rest as a float32 reflectance GeoTIFF (scale factor applied, no-data and NaN written as -9999), streamed block by block. The input is any GDAL raster: the output of &lt;i&gt;Import NEON reflectance&lt;/i&gt;, an ENVI .dat/.hdr, a GeoTIFF from another tool, or an image without wavelengths.&lt;/p&gt;&lt;p&gt;Rules: DROP_FIRST and DROP_LAST remove bands by position; a band is removed when its centre wavelength lies inside a water-vapour window (inclusive) or outside WAVELENGTH_MIN / WAVELENGTH_MAX; BAND_STEP then keeps every n-th of the remaining bands, starting with the first. The log lists which bands were removed and why; the output's metadata lists the kept input bands (HYSPEC_KEPT_BANDS) and their wavelengths (HYSPEC_KEPT_WAVELENGTHS_NM), and every output band keeps its wavelength and FWHM.&lt;/p&gt;&lt;h3&gt;NEON tutorial recipes&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Endmember extraction / unmixing tutorial&lt;/b&gt;: WATER_WINDOWS empty (1340-1445;1790-1955), DROP_FIRST 0, DROP_LAST 10, BAND_STEP 1: 362 bands on NEON's 426-band grid.&lt;/li&gt;&lt;li&gt;&lt;b&gt;K-means / PCA tutorial&lt;/b&gt;: WATER_WINDOWS empty, DROP_FIRST 10, DROP_LAST 15, BAND_STEP 2: 174 bands.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The tutorials report 360 and 173 bands. Their code keeps &lt;code&gt;range(first, i0)&lt;/code&gt; where i0 is the last band &lt;i&gt;below&lt;/i&gt; a window, and Python's range stops before i0, so it also drops the last band below each window (e.g. 1335 nm and 1786 nm), although its centre is outside the window. This algorithm applies the windows as stated (inclusive wavelength ranges), which keeps those two bands: 362 instead of 360, and 174 instead of 173 once every 2nd band is kept. To get the tutorials' band lists exactly, start each window just below that band: WATER_WINDOWS 1335-1445;1785-1955. (Counts are for the 383.9-2512 nm grid of the tutorials' tile; NEON's grids differ by up to 2 nm between years, which can move a band across a window edge.)&lt;/p&gt;&lt;p&gt;Without wavelengths (e.g. an RGB image), only DROP_FIRST, DROP_LAST and BAND_STEP apply: the default windows are skipped with a note in the log, while windows typed in WATER_WINDOWS or a WAVELENGTH_MIN / WAVELENGTH_MAX stop the run with an error.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Retire les bandes que les tutoriels NEON retirent avant toute analyse et écrit les autres dans un GeoTIFF de réflectance float32 (facteur d'échelle appliqué, pixels sans donnée et NaN écrits en -9999), traité bloc par bloc. L'entrée peut être n'importe quel raster GDAL : la sortie de &lt;i&gt;Importer la réflectance NEON&lt;/i&gt;, un ENVI .dat/.hdr, un GeoTIFF issu d'un autre outil ou une image sans longueurs d'onde.&lt;/p&gt;&lt;p&gt;Règles : DROP_FIRST et DROP_LAST retirent des bandes selon leur position ; une bande est retirée quand sa longueur d'onde centrale se trouve dans une fenêtre de vapeur d'eau (bornes incluses) ou hors de WAVELENGTH_MIN / WAVELENGTH_MAX ; BAND_STEP conserve ensuite une bande sur n parmi les bandes restantes, en commençant par la première. Le journal indique quelles bandes ont été retirées et pourquoi ; les métadonnées de la sortie listent les bandes d'entrée conservées (HYSPEC_KEPT_BANDS) et leurs longueurs d'onde (HYSPEC_KEPT_WAVELENGTHS_NM), et chaque bande de sortie conserve sa longueur d'onde et sa FWHM.&lt;/p&gt;&lt;h3&gt;Recettes des tutoriels NEON&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Tutoriel d'extraction d'endmembers / de démélange&lt;/b&gt; : WATER_WINDOWS vide (1340-1445;1790-1955), DROP_FIRST 0, DROP_LAST 10, BAND_STEP 1 : 362 bandes sur la grille de 426 bandes de NEON.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tutoriel K-means / ACP&lt;/b&gt; : WATER_WINDOWS vide, DROP_FIRST 10, DROP_LAST 15, BAND_STEP 2 : 174 bandes.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Les tutoriels annoncent 360 et 173 bandes. Leur code conserve &lt;code&gt;range(first, i0)&lt;/code&gt;, où i0 est la dernière bande &lt;i&gt;sous&lt;/i&gt; une fenêtre ; or le range de Python s'arrête avant i0 : il retire donc aussi la dernière bande sous chaque fenêtre (p. ex. 1335 nm et 1786 nm), bien que son centre soit hors de la fenêtre. Cet algorithme applique les fenêtres telles qu'elles sont définies (intervalles de longueurs d'onde, bornes incluses), ce qui conserve ces deux bandes : 362 au lieu de 360, et 174 au lieu de 173 une fois une bande sur 2 conservée. Pour obtenir exactement les listes de bandes des tutoriels, faites commencer chaque fenêtre juste sous cette bande : WATER_WINDOWS 1335-1445;1785-1955. (Ces décomptes valent pour la grille 383.9-2512 nm de la dalle des tutoriels ; les grilles NEON varient de 2 nm au plus d'une année à l'autre, ce qui peut faire passer une bande de l'autre côté d'une limite de fenêtre.)&lt;/p&gt;&lt;p&gt;Sans longueurs d'onde (p. ex. une image RVB), seuls DROP_FIRST, DROP_LAST et BAND_STEP s'appliquent : les fenêtres par défaut sont ignorées, avec une note dans le journal, tandis que des fenêtres saisies dans WATER_WINDOWS ou un WAVELENGTH_MIN / WAVELENGTH_MAX arrêtent l'exécution avec une erreur.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="56" />
      <source>NEON Data Skills tutorials 'Unsupervised Spectral Classification in Python: Endmember Extraction' and 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA' (clean_neon_refl_data); NEON Reflectance_Data attributes Band_Window_1_Nanometers / Band_Window_2_Nanometers.</source>
      <translation>Tutoriels NEON Data Skills 'Unsupervised Spectral Classification in Python: Endmember Extraction' et 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA' (clean_neon_refl_data) ; attributs Band_Window_1_Nanometers / Band_Window_2_Nanometers de NEON Reflectance_Data.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="69" />
      <source>Any GDAL raster file: our GeoTIFFs, ENVI .dat/.hdr, GeoTIFFs from other tools, plain images. Wavelengths are read from band metadata, the IMAGERY domain or the ENVI header (µm or nm).</source>
      <translation>N'importe quel fichier raster GDAL : nos GeoTIFF, ENVI .dat/.hdr, GeoTIFF issus d'autres outils, images ordinaires. Les longueurs d'onde sont lues dans les métadonnées des bandes, le domaine IMAGERY ou l'en-tête ENVI (µm ou nm).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="79" />
      <source>Number of bands to remove at the start of the spectrum (noisy blue end): 10 in the k-means tutorial.</source>
      <translation>Nombre de bandes à retirer au début du spectre (extrémité bleue, bruitée) : 10 dans le tutoriel k-means.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="83" />
      <source>Number of bands to remove at the end of the spectrum (noisy SWIR end): 10 in the endmember tutorial, 15 in the k-means tutorial.</source>
      <translation>Nombre de bandes à retirer à la fin du spectre (extrémité SWIR, bruitée) : 10 dans le tutoriel sur les endmembers, 15 dans le tutoriel k-means.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="87" />
      <source>After the other rules, keep every n-th remaining band, starting with the first: 1 keeps all, 2 halves the bands (k-means tutorial).</source>
      <translation>Après les autres règles, conserver une bande restante sur n, en commençant par la première : 1 les conserve toutes, 2 divise le nombre de bandes par deux (tutoriel k-means).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="91" />
      <source>Remove bands whose centre wavelength is below this (optional; needs wavelengths).</source>
      <translation>Retirer les bandes dont la longueur d'onde centrale est inférieure à cette valeur (optionnel ; nécessite les longueurs d'onde).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="95" />
      <source>Remove bands whose centre wavelength is above this (optional; needs wavelengths).</source>
      <translation>Retirer les bandes dont la longueur d'onde centrale est supérieure à cette valeur (optionnel ; nécessite les longueurs d'onde).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="98" />
      <source>Only write the pixels intersecting this extent (any CRS; it is reprojected to the raster's). The output keeps the input's pixel grid.</source>
      <translation>N'écrire que les pixels qui intersectent cette emprise (n'importe quel SCR ; elle est reprojetée dans celui du raster). La sortie conserve la grille de pixels de l'entrée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="101" />
      <source>float32 GeoTIFF (tiled, compressed, BIGTIFF when needed) with the kept bands, their wavelengths and FWHM, no-data -9999; opens as true colour.</source>
      <translation>GeoTIFF float32 (tuilé, compressé, BIGTIFF si nécessaire) avec les bandes conservées, leurs longueurs d'onde et leur FWHM, no-data -9999 ; s'ouvre en couleurs vraies.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="71" />
      <source>Water-vapour windows (nm)</source>
      <translation>Fenêtres de vapeur d'eau (nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="77" />
      <source>Drop first bands</source>
      <translation>Bandes à retirer au début</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="81" />
      <source>Drop last bands</source>
      <translation>Bandes à retirer à la fin</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="85" />
      <source>Keep every n-th band</source>
      <translation>Conserver une bande sur n</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="89" />
      <source>Minimum wavelength (nm)</source>
      <translation>Longueur d'onde minimale (nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="93" />
      <source>Maximum wavelength (nm)</source>
      <translation>Longueur d'onde maximale (nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="97" />
      <source>Extent</source>
      <translation>Emprise</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="100" />
      <source>Cleaned reflectance</source>
      <translation>Réflectance nettoyée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="103" />
      <source>Number of bands kept</source>
      <translation>Nombre de bandes conservées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="73" />
      <source>Wavelength windows to remove, inclusive, as low-high in nm separated by ';', e.g. 1340-1445;1790-1955. Empty: the windows recorded from the NEON file by Import NEON (WATER_WINDOWS_NM), else {0}. '{1}': remove no windows.</source>
      <translation>Fenêtres de longueurs d'onde à retirer, bornes incluses, sous la forme min-max en nm, séparées par ';', p. ex. 1340-1445;1790-1955. Vide : les fenêtres enregistrées depuis le fichier NEON par Importer la réflectance NEON (WATER_WINDOWS_NM), sinon {0}. '{1}' : ne retirer aucune fenêtre.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="151" />
      <source>cleaned ({0} bands)</source>
      <translation>nettoyé ({0} bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="110" />
      <source>BAND_STEP: must be 1 or more (1 keeps every band), got {0}</source>
      <translation>BAND_STEP : doit être supérieur ou égal à 1 (1 conserve toutes les bandes) ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/cleanbands.py" line="117" />
      <source>{0}: must be 0 or more, got {1}</source>
      <translation>{0} : doit être supérieur ou égal à 0 ; valeur reçue : {1}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="86" />
      <source>Download NEON AOP tiles</source>
      <translation>Télécharger des dalles NEON AOP</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="87" />
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="90" />
      <source>&lt;p&gt;Downloads the NEON AOP tiles (1 km x 1 km mosaic tiles of a site and year) that an area needs, from the NEON Data API: reflectance (the bidirectional DP3.30006.002 where the year has it, else DP3.30006.001), the canopy height model DP3.30015.001 or the RGB camera mosaic DP3.30010.001. Reflectance tiles then go to &lt;i&gt;Import NEON reflectance&lt;/i&gt; (hyspec:importneon), &lt;i&gt;Clean bands&lt;/i&gt; and the rest of the toolbox.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Which tiles&lt;/b&gt;: every tile that meets the area grown by BUFFER, inner tiles included (not only the tiles under the buffer's corners, as NEON's own by_tile_aop does), read from the file names (&lt;code&gt;..._&amp;lt;easting&amp;gt;_&amp;lt;northing&amp;gt;_...&lt;/code&gt;, the lower-left corner on 1000 m boundaries of the site's UTM zone). A site, year or product without data gets a message listing what exists.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Checked, resumable downloads&lt;/b&gt;: the size of the whole download is logged first; each file arrives under a hidden name (&lt;code&gt;.&amp;lt;name&amp;gt;.&amp;lt;checksum&amp;gt;.resume&lt;/code&gt;) and gets its final name only after its size and NEON's checksum (crc32c for AOP files, md5 where the API gives one) matched; a file that fails is deleted, downloaded once more, and reported. An interrupted or cancelled download resumes where it stopped (HTTP Range) in the next run into the same folder; files already there are checked, not trusted by name, and skipped. Rate limits (HTTP 429, Retry-After, X-RateLimit-*) and server errors (5xx) get a bounded number of retries with backoff; expired download URLs are asked again from the API.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Token&lt;/b&gt;: NEON's data endpoint needs an API token (since June 2026). Sign in at NEON's Data Portal (My Account; create an account if needed) and create a token in the API Token section. Give it as TOKEN or, better, in the environment variable NEON_API_TOKEN (QGIS: Settings, Options, System, Environment). hyspec sends it only to API_URL (never to the storage hosts files come from) and never writes it to a log, a file or an error message; QGIS's own run log and history show TOKEN as ********.&lt;/p&gt;&lt;p&gt;Checksums use the &lt;code&gt;google-crc32c&lt;/code&gt; package when the QGIS Python has it (hardware CRC32C, GB/s); without it a numpy implementation takes over, which is slower (about 80-100 MB/s: some 8 s more per 650 MB reflectance tile). Install it with the same command as other packages (e.g. &lt;code&gt;pip install google-crc32c&lt;/code&gt; in the OSGeo4W Shell).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Télécharge depuis la NEON Data API les dalles NEON AOP (dalles de mosaïque de 1 km x 1 km d'un site et d'une année) dont une zone a besoin : réflectance (la réflectance bidirectionnelle DP3.30006.002 quand elle existe pour l'année, sinon DP3.30006.001), modèle de hauteur de canopée DP3.30015.001 ou mosaïque de la caméra RVB DP3.30010.001. Les dalles de réflectance passent ensuite par &lt;i&gt;Importer la réflectance NEON&lt;/i&gt; (hyspec:importneon), &lt;i&gt;Nettoyer les bandes&lt;/i&gt; et le reste de la boîte à outils.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Quelles dalles&lt;/b&gt; : toutes les dalles qui touchent la zone agrandie de BUFFER, dalles intérieures comprises (et pas seulement celles qui se trouvent sous les coins de la zone tampon, comme avec by_tile_aop de NEON), déterminées d'après les noms de fichiers (&lt;code&gt;..._&amp;lt;easting&amp;gt;_&amp;lt;northing&amp;gt;_...&lt;/code&gt;, le coin inférieur gauche sur les multiples de 1000 m de la zone UTM du site). Pour un site, une année ou un produit sans données, un message liste ce qui existe.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Téléchargements vérifiés et reprenables&lt;/b&gt; : la taille totale du téléchargement est d'abord indiquée dans le journal ; chaque fichier arrive sous un nom caché (&lt;code&gt;.&amp;lt;name&amp;gt;.&amp;lt;checksum&amp;gt;.resume&lt;/code&gt;) et ne reçoit son nom définitif qu'une fois sa taille et la somme de contrôle de NEON (crc32c pour les fichiers AOP, md5 quand l'API en fournit une) vérifiées ; un fichier en échec est supprimé, téléchargé une seconde fois, puis signalé. Un téléchargement interrompu ou annulé reprend là où il s'était arrêté (HTTP Range) lors de l'exécution suivante dans le même dossier ; les fichiers déjà présents sont vérifiés, et non acceptés sur la foi de leur nom, puis ignorés. Les limitations de débit (HTTP 429, Retry-After, X-RateLimit-*) et les erreurs serveur (5xx) donnent lieu à un nombre limité de nouvelles tentatives, à intervalles croissants ; les URL de téléchargement expirées sont redemandées à l'API.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Jeton&lt;/b&gt; : le point d'accès aux données de NEON exige un jeton d'API (depuis juin 2026). Connectez-vous au Data Portal de NEON (My Account ; créez un compte si nécessaire) et créez un jeton dans la section API Token. Indiquez-le dans TOKEN ou, mieux, dans la variable d'environnement NEON_API_TOKEN (QGIS : Préférences, Options, Système, Environnement). hyspec ne l'envoie qu'à API_URL (jamais aux serveurs de stockage d'où proviennent les fichiers) et ne l'écrit jamais dans un journal, un fichier ou un message d'erreur ; le journal d'exécution et l'historique de QGIS affichent TOKEN sous la forme ********.&lt;/p&gt;&lt;p&gt;Les sommes de contrôle utilisent le paquet &lt;code&gt;google-crc32c&lt;/code&gt; quand le Python de QGIS en dispose (CRC32C matériel, plusieurs Go/s) ; sinon, une implémentation numpy prend le relais, plus lente (environ 80-100 Mo/s : quelque 8 s de plus par dalle de réflectance de 650 Mo). Installez-le avec la même commande que les autres paquets (p. ex. &lt;code&gt;pip install google-crc32c&lt;/code&gt; dans l'OSGeo4W Shell).&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="116" />
      <source>NEON Data API documentation (data.neonscience.org/data-api: products, sites, data endpoints, rate limiting, API tokens). NEON Data Skills: 'Download and Explore NEON AOP Data with neonutilities' (by_tile_aop).</source>
      <translation>Documentation de la NEON Data API (data.neonscience.org/data-api : produits, sites, points d'accès aux données, limitation du débit, jetons d'API). NEON Data Skills : 'Download and Explore NEON AOP Data with neonutilities' (by_tile_aop).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="128" />
      <source>reflectance (default): the bidirectional reflectance DP3.30006.002 where the year has it, else the directional DP3.30006.001; or one product: DP3.30006.001, DP3.30006.002, DP3.30015.001 (canopy height model, GeoTIFF), DP3.30010.001 (RGB camera mosaic, GeoTIFF).</source>
      <translation>reflectance (par défaut) : la réflectance bidirectionnelle DP3.30006.002 quand elle existe pour l'année, sinon la réflectance directionnelle DP3.30006.001 ; ou un seul produit : DP3.30006.001, DP3.30006.002, DP3.30015.001 (modèle de hauteur de canopée, GeoTIFF), DP3.30010.001 (mosaïque de la caméra RVB, GeoTIFF).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="132" />
      <source>The four-letter site code, e.g. SERC, HARV, SJER. Aquatic and some small sites are flown inside a nearby terrestrial site's box and published under that site's code.</source>
      <translation>Le code du site, en quatre lettres, p. ex. SERC, HARV, SJER. Les sites aquatiques et certains petits sites sont survolés à l'intérieur de l'emprise d'un site terrestre voisin et publiés sous le code de ce site.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="136" />
      <source>The flight year. Every month of that year with data is used (a tile published in two months: the later one).</source>
      <translation>L'année du vol. Tous les mois de cette année qui ont des données sont utilisés (pour une dalle publiée deux mois différents : le plus tardif).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="139" />
      <source>An extent in any CRS (reprojected to the site's UTM zone), or a vector layer of plots, points or polygons: each feature is grown by BUFFER on its own. In the dialog, 'Calculate from layer' takes the layer's bounding box; give the layer itself (qgis_process: AREA=plots.gpkg; Python: the layer) to use its features.</source>
      <translation>Une emprise dans n'importe quel SCR (reprojetée dans la zone UTM du site), ou une couche vectorielle de placettes, de points ou de polygones : chaque entité est agrandie de BUFFER séparément. Dans la boîte de dialogue, 'Calculer depuis la couche' prend le rectangle englobant de la couche ; pour utiliser ses entités, donnez la couche elle-même (qgis_process : AREA=plots.gpkg ; Python : la couche).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="145" />
      <source>Distance around the area, in metres: a tile is taken when it is nearer than this (0: when it overlaps the area; a point takes the one tile that holds it).</source>
      <translation>Distance autour de la zone, en mètres : une dalle est retenue quand elle est plus proche que cette distance (0 : quand elle chevauche la zone ; un point retient la seule dalle qui le contient).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="148" />
      <source>Your NEON API token; empty: the environment variable NEON_API_TOKEN. Never logged or written anywhere (QGIS shows it as ********).</source>
      <translation>Votre jeton d'API NEON ; vide : la variable d'environnement NEON_API_TOKEN. Jamais journalisé ni écrit nulle part (QGIS l'affiche sous la forme ********).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="151" />
      <source>Base URL of the NEON Data API (a mirror or a test server may be given here).</source>
      <translation>URL de base de la NEON Data API (on peut indiquer ici un miroir ou un serveur de test).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="153" />
      <source>Where the tiles are written under NEON's file names. Run again into the same folder to resume: complete files are checked and skipped, partial ones resumed.</source>
      <translation>Dossier où les dalles sont écrites sous les noms de fichiers de NEON. Relancez dans le même dossier pour reprendre : les fichiers complets sont vérifiés et ignorés, les fichiers partiels repris.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="158" />
      <source>A text file with the full path of every tile of the area, one per line (also those that were already complete), e.g. for batch runs.</source>
      <translation>Un fichier texte avec le chemin complet de chaque dalle de la zone, un par ligne (y compris celles qui étaient déjà complètes), p. ex. pour des traitements par lots.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="163" />
      <source>One polygon per tile, its exact 1 km extent in the site's UTM CRS, with the file name, path, product, month, release, lower-left easting / northing, size in bytes and status (downloaded or complete).</source>
      <translation>Un polygone par dalle, son emprise exacte de 1 km dans le SCR UTM du site, avec le nom du fichier, le chemin, le produit, le mois, la version (release), l'easting / northing du coin inférieur gauche, la taille en octets et l'état (downloaded ou complete).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="127" />
      <source>Product</source>
      <translation>Produit</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="131" />
      <source>NEON site code</source>
      <translation>Code du site NEON</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="134" />
      <source>Year</source>
      <translation>Année</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="138" />
      <source>Area (extent or vector layer)</source>
      <translation>Zone (emprise ou couche vectorielle)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="143" />
      <source>Buffer (m)</source>
      <translation>Tampon (m)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="147" />
      <source>NEON API token</source>
      <translation>Jeton d'API NEON</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="150" />
      <source>NEON Data API URL</source>
      <translation>URL de la NEON Data API</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="152" />
      <source>Output folder</source>
      <translation>Dossier de sortie</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="155" />
      <source>List of downloaded files</source>
      <translation>Liste des fichiers téléchargés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="160" />
      <source>Tile footprints</source>
      <translation>Emprises des dalles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="166" />
      <source>First tile</source>
      <translation>Première dalle</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="167" />
      <source>Number of tiles</source>
      <translation>Nombre de dalles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="168" />
      <source>Product downloaded</source>
      <translation>Produit téléchargé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="188" />
      <source>Cancelled by the user. Tiles already checked stay in OUTPUT_FOLDER, the one in transfer stays hidden (.resume) and the next run into the same folder resumes it; FILES and FOOTPRINTS were not written.</source>
      <translation>Annulé par l'utilisateur. Les dalles déjà vérifiées restent dans OUTPUT_FOLDER, celle en cours de transfert reste cachée (.resume) et la prochaine exécution dans le même dossier la reprendra ; FILES et FOOTPRINTS n'ont pas été écrits.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="206" />
      <source>Token from the environment variable NEON_API_TOKEN</source>
      <translation>Jeton lu dans la variable d'environnement NEON_API_TOKEN</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="219" />
      <source>OUTPUT_FOLDER: no folder given</source>
      <translation>OUTPUT_FOLDER : aucun dossier fourni</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="156" />
      <source>Text files (*.txt)</source>
      <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="198" />
      <source>TOKEN: QGIS keeps no token in its history or saved batches; type it again or set the environment variable NEON_API_TOKEN</source>
      <translation>TOKEN : QGIS ne conserve aucun jeton dans son historique ni dans les lots enregistrés ; saisissez-le de nouveau ou définissez la variable d'environnement NEON_API_TOKEN</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="235" />
      <source>tile footprints ({0})</source>
      <translation>emprises des dalles ({0})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/downloadneon.py" line="221" />
      <source>OUTPUT_FOLDER: {0} is a file, not a folder</source>
      <translation>OUTPUT_FOLDER : {0} est un fichier, pas un dossier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="19" />
      <source>Encode with autoencoder</source>
      <translation>Encoder avec un autoencodeur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="20" />
      <source>Machine learning</source>
      <translation>Apprentissage automatique</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="23" />
      <source>&lt;p&gt;Maps every pixel to the learned features of an autoencoder MODEL from &lt;i&gt;Train autoencoder&lt;/i&gt;: one float32 band per latent feature ('latent 1', ...), -9999 where the input is no-data. The latent raster chains into &lt;i&gt;K-means clustering&lt;/i&gt;, or into any tool that takes a multi-band raster.&lt;/p&gt;&lt;p&gt;The raster is read block by block in bounded memory; each block's valid spectra get the model's pre-processing, then go through the encoder. The input must have the bands the model was trained on (same count and, when the model knows them, the same wavelengths within half a band): otherwise the run stops with a message naming the first band that differs.&lt;/p&gt;&lt;p&gt;ERROR (optional) is each pixel's reconstruction error in the units of the model's training loss (SSE: sum of squared errors of the pre-processed spectrum; CSA: 1 - cosine; SA: radians; SID: divergence). High values mark spectra unlike the training sample.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Associe à chaque pixel les caractéristiques apprises d'un MODEL d'autoencodeur issu de &lt;i&gt;Entraîner un autoencodeur&lt;/i&gt; : une bande float32 par caractéristique latente ('latent 1', ...), -9999 là où l'entrée est sans donnée. Le raster latent s'enchaîne avec la &lt;i&gt;Classification k-means&lt;/i&gt; ou avec tout outil qui accepte un raster multibande.&lt;/p&gt;&lt;p&gt;Le raster est lu bloc par bloc, dans une mémoire bornée ; les spectres valides de chaque bloc reçoivent le prétraitement du modèle, puis passent par l'encodeur. L'entrée doit avoir les bandes sur lesquelles le modèle a été entraîné (même nombre et, quand le modèle les connaît, mêmes longueurs d'onde à une demi-bande près) : sinon, l'exécution s'arrête avec un message indiquant la première bande qui diffère.&lt;/p&gt;&lt;p&gt;ERROR (optionnel) contient l'erreur de reconstruction de chaque pixel, dans les unités de la fonction de perte d'entraînement du modèle (SSE : somme des carrés des erreurs du spectre prétraité ; CSA : 1 - cosinus ; SA : radians ; SID : divergence). Des valeurs élevées signalent des spectres qui ne ressemblent pas à l'échantillon d'entraînement.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="35" />
      <source>Windrim, L. et al. (2019). Unsupervised feature-learning for hyperspectral data with autoencoders. Remote Sensing 11(7), 864.</source>
      <translation>Windrim, L. et al. (2019). Unsupervised feature-learning for hyperspectral data with autoencoders. Remote Sensing 11(7), 864.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="44" />
      <source>A raster with the bands the model was trained on (e.g. cleaned the same way).</source>
      <translation>Un raster avec les bandes sur lesquelles le modèle a été entraîné (p. ex. nettoyé de la même façon).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="46" />
      <source>The MODEL file written by hyspec:trainautoencoder.</source>
      <translation>Le fichier MODEL écrit par hyspec:trainautoencoder.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="48" />
      <source>float32 GeoTIFF, one band per latent feature, -9999 = no-data.</source>
      <translation>GeoTIFF float32, une bande par caractéristique latente, -9999 = sans donnée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="51" />
      <source>Optional float32 raster: each pixel's reconstruction error in the training loss's units (about doubles the work: the decoder runs too).</source>
      <translation>Raster float32 optionnel : l'erreur de reconstruction de chaque pixel, dans les unités de la fonction de perte d'entraînement (environ deux fois plus de calculs : le décodeur est aussi exécuté).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="45" />
      <source>Autoencoder model</source>
      <translation>Modèle d'autoencodeur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="47" />
      <source>Latent features</source>
      <translation>Caractéristiques latentes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="49" />
      <source>Reconstruction error</source>
      <translation>Erreur de reconstruction</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="45" />
      <source>hyspec model (*.npz)</source>
      <translation>Modèle hyspec (*.npz)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="63" />
      <source>latent features ({0}, model {1})</source>
      <translation>caractéristiques latentes ({0}, modèle {1})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/encode.py" line="64" />
      <source>reconstruction error (model {0})</source>
      <translation>erreur de reconstruction (modèle {0})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="19" />
      <source>Number of endmembers (HySime, HFC)</source>
      <translation>Nombre d'endmembers (HySime, HFC)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="20" />
      <source>Unmixing</source>
      <translation>Démélange</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="22" />
      <source>&lt;p&gt;Estimates how many endmembers (spectrally distinct materials) the valid pixels hold: the number to ask &lt;i&gt;Endmembers (N-FINDR)&lt;/i&gt; for. Three estimators are computed from the same single pass over the raster (pixel count, band sums and the band x band cross-product matrix; no copy of the cube):&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;HySime&lt;/b&gt; (Bioucas-Dias &amp;amp; Nascimento 2008): the noise of each band is estimated by regressing it on all the other bands; the signal subspace is the set of eigenvectors whose data power exceeds twice their noise power (the subspace of least mean squared error). No parameter.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HFC&lt;/b&gt; virtual dimensionality (Harsanyi, Farrand &amp;amp; Chang 1993; Chang &amp;amp; Du 2004): the k-th eigenvalues of the correlation and covariance matrices differ only where a signal source lies; a Neyman-Pearson test at false-alarm rates 1e-3, 1e-4 and 1e-5 counts them. It assumes white noise.&lt;/li&gt;&lt;li&gt;&lt;b&gt;NWHFC&lt;/b&gt;: HFC on noise-whitened data (each band divided by its regression noise standard deviation).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;The estimators often disagree on real scenes, and none of them is sure to give the number of materials: treat them as a guide, not an answer.&lt;/b&gt; HFC counts noise as signal when the noise level differs from band to band (on the generated NEON-like tile, with 5 materials and noisy water-vapour edges: HySime 5, NWHFC 4, HFC more than 90). On 88 generated mixtures of 3 to 10 materials HySime was exact 86 times, while HFC (on white noise) and NWHFC counted mostly one fewer with 3 to 5 materials, and up to 6 fewer with 8 to 10. A common practice: start N-FINDR at the HySime estimate (output ENDMEMBERS_COUNT) and compare the unmixing RMSE of nearby counts. The estimates do not depend on the data's units (a reflectance scale factor changes nothing).&lt;/p&gt;&lt;p&gt;Run it on the raster you will unmix (cleaned reflectance, after &lt;i&gt;Clean bands&lt;/i&gt;), so the count refers to the bands N-FINDR sees. Pixels that are no-data or NaN in any band are left out; the raster needs more valid pixels than bands (and far more for a stable estimate), and at least 3 bands. Bands that are 0 in every valid pixel are left out; exactly duplicated bands are refused (they have no noise of their own).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Estime combien d'endmembers (matériaux spectralement distincts) contiennent les pixels valides : le nombre à demander à l'&lt;i&gt;Extraction des endmembers (N-FINDR)&lt;/i&gt;. Trois estimateurs sont calculés à partir d'une seule et même lecture du raster (nombre de pixels, sommes par bande et matrice des produits croisés bande x bande ; aucune copie du cube) :&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;HySime&lt;/b&gt; (Bioucas-Dias &amp;amp; Nascimento 2008) : le bruit de chaque bande est estimé par régression de cette bande sur toutes les autres ; le sous-espace du signal est l'ensemble des vecteurs propres dont la puissance des données dépasse le double de leur puissance de bruit (le sous-espace d'erreur quadratique moyenne minimale). Aucun paramètre.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HFC&lt;/b&gt;, dimensionnalité virtuelle (Harsanyi, Farrand &amp;amp; Chang 1993 ; Chang &amp;amp; Du 2004) : les k-ièmes valeurs propres des matrices de corrélation et de covariance ne diffèrent que là où se trouve une source de signal ; un test de Neyman-Pearson aux taux de fausse alarme 1e-3, 1e-4 et 1e-5 compte ces sources. Il suppose un bruit blanc.&lt;/li&gt;&lt;li&gt;&lt;b&gt;NWHFC&lt;/b&gt; : HFC sur des données blanchies (chaque bande divisée par l'écart type de son bruit de régression).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;Sur des scènes réelles, les estimateurs divergent souvent, et aucun n'est assuré de donner le nombre de matériaux : considérez-les comme une indication, pas comme une réponse.&lt;/b&gt; HFC compte le bruit comme du signal quand le niveau de bruit varie d'une bande à l'autre (sur la dalle générée de type NEON, avec 5 matériaux et des bords de fenêtres de vapeur d'eau bruités : HySime 5, NWHFC 4, HFC plus de 90). Sur 88 mélanges générés de 3 à 10 matériaux, HySime a donné le nombre exact 86 fois, tandis que HFC (sur bruit blanc) et NWHFC en comptaient le plus souvent un de moins avec 3 à 5 matériaux, et jusqu'à 6 de moins avec 8 à 10. Une pratique courante : lancer N-FINDR avec l'estimation HySime (sortie ENDMEMBERS_COUNT) et comparer le RMSE du démélange pour des nombres voisins. Les estimations ne dépendent pas des unités des données (un facteur d'échelle de la réflectance ne change rien).&lt;/p&gt;&lt;p&gt;À exécuter sur le raster que vous allez démélanger (réflectance nettoyée, après &lt;i&gt;Nettoyer les bandes&lt;/i&gt;), afin que le décompte porte sur les bandes que voit N-FINDR. Les pixels sans donnée ou NaN dans une bande quelconque sont exclus ; le raster doit compter plus de pixels valides que de bandes (et beaucoup plus pour une estimation stable), et au moins 3 bandes. Les bandes nulles sur tous les pixels valides sont exclues ; les bandes exactement dupliquées sont refusées (elles n'ont pas de bruit propre).&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="48" />
      <source>Bioucas-Dias, J. M., Nascimento, J. M. P. (2008). Hyperspectral subspace identification. IEEE TGRS 46(8), 2435-2445. Harsanyi, J. C., Farrand, W. H., Chang, C.-I (1993). Determining the number and identity of spectral endmembers: an integrated approach using Neyman-Pearson eigen-thresholding and iterative constrained RMS error minimization. Proc. 9th Thematic Conf. Geologic Remote Sensing. Chang, C.-I, Du, Q. (2004). Estimation of number of spectrally distinct signal sources in hyperspectral imagery. IEEE TGRS 42(3), 608-619.</source>
      <translation>Bioucas-Dias, J. M., Nascimento, J. M. P. (2008). Hyperspectral subspace identification. IEEE TGRS 46(8), 2435-2445. Harsanyi, J. C., Farrand, W. H., Chang, C.-I (1993). Determining the number and identity of spectral endmembers: an integrated approach using Neyman-Pearson eigen-thresholding and iterative constrained RMS error minimization. Proc. 9th Thematic Conf. Geologic Remote Sensing. Chang, C.-I, Du, Q. (2004). Estimation of number of spectrally distinct signal sources in hyperspectral imagery. IEEE TGRS 42(3), 608-619.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="98" />
      <source>In a model, feed ENDMEMBERS_COUNT (or HYSIME) into the ENDMEMBERS_COUNT parameter of Endmembers (N-FINDR). Output names write 1e-3 as 1E_3: a minus sign is not allowed in model expressions.</source>
      <translation>Dans un modèle, reliez ENDMEMBERS_COUNT (ou HYSIME) au paramètre ENDMEMBERS_COUNT de l'Extraction des endmembers (N-FINDR). Les noms des sorties écrivent 1e-3 sous la forme 1E_3 : le signe moins n'est pas admis dans les expressions des modèles.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="71" />
      <source>Any GDAL raster file with at least 3 bands; wavelengths are not needed. A pixel that is no-data or NaN in any band is ignored.</source>
      <translation>N'importe quel fichier raster GDAL d'au moins 3 bandes ; les longueurs d'onde ne sont pas nécessaires. Un pixel sans donnée ou NaN dans une bande quelconque est ignoré.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="76" />
      <source>One row per k = 1..number of bands: the k-th eigenvalues of the correlation and covariance matrices, their difference, its standard deviation and the HFC decision (1 = signal) at each false-alarm rate; the same on noise-whitened data (NWHFC); HySime's signal eigenvalues, the data and noise power of the k-th eigenvector it keeps, mse(k) and hysime_kept (1 up to the estimate).</source>
      <translation>Une ligne par k = 1..nombre de bandes : les k-ièmes valeurs propres des matrices de corrélation et de covariance, leur différence, l'écart type de celle-ci et la décision HFC (1 = signal) à chaque taux de fausse alarme ; les mêmes grandeurs sur les données blanchies (NWHFC) ; les valeurs propres du signal selon HySime, la puissance des données et du bruit du k-ième vecteur propre qu'il conserve, mse(k) et hysime_kept (1 jusqu'à l'estimation).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="84" />
      <source>An HTML page with the estimates and three charts against k: HySime's mean squared error, and for HFC and NWHFC the eigenvalue difference beside each false-alarm rate's threshold.</source>
      <translation>Une page HTML avec les estimations et trois graphiques en fonction de k : l'erreur quadratique moyenne de HySime et, pour HFC et NWHFC, la différence des valeurs propres à côté du seuil de chaque taux de fausse alarme.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="89" />
      <source>HFC virtual dimensionality, false-alarm rate {0}</source>
      <translation>Dimensionnalité virtuelle HFC, taux de fausse alarme {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="90" />
      <source>NWHFC (noise-whitened HFC) virtual dimensionality, false-alarm rate {0}</source>
      <translation>Dimensionnalité virtuelle NWHFC (HFC sur bruit blanchi), taux de fausse alarme {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="70" />
      <source>Input raster (cleaned reflectance)</source>
      <translation>Raster en entrée (réflectance nettoyée)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="73" />
      <source>Eigenvalues and costs per k (CSV)</source>
      <translation>Valeurs propres et coûts par k (CSV)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="81" />
      <source>Plot (HTML)</source>
      <translation>Graphique (HTML)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="86" />
      <source>Suggested number of endmembers for N-FINDR (HySime, at least 2)</source>
      <translation>Nombre d'endmembers suggéré pour N-FINDR (HySime, au moins 2)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="88" />
      <source>HySime estimate</source>
      <translation>Estimation HySime</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="93" />
      <source>Valid pixels used</source>
      <translation>Pixels valides utilisés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="122" />
      <source>How many endmembers</source>
      <translation>Combien d'endmembers ?</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="74" />
      <source>CSV files (*.csv)</source>
      <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/endmembercount.py" line="102" />
      <source>Numbers (for models and qgis_process)</source>
      <translation>Nombres (pour les modèles et qgis_process)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="21" />
      <source>Import MATLAB scene (.mat)</source>
      <translation>Importer une scène MATLAB (.mat)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="25" />
      <source>&lt;p&gt;Converts a hyperspectral scene stored in a MATLAB .mat file (the classic benchmark scenes: Samson, Jasper Ridge, Indian Pines, Pavia, Cuprite...) into the spectral GeoTIFF every hyspec algorithm reads: float32 values divided by SCALE, wavelengths, -9999 as no-data (for NaN and infinite values). An optional TRUTH variable (a label map or abundances) is written as its own raster on the same grid.&lt;/p&gt;&lt;p&gt;Formats: MATLAB v5/v6/v7 files (save's default) are read with scipy.io, which loads a variable whole; a variable that would not fit in the memory available is refused (re-save it with &lt;code&gt;save(file, 'x', '-v7.3')&lt;/code&gt;). MATLAB v7.3 files are HDF5 and are read with h5py in row blocks, so their size is not limited by memory.&lt;/p&gt;&lt;p&gt;Shapes are MATLAB's, as &lt;code&gt;size(x)&lt;/code&gt; shows them, for both formats (h5py sees v7.3 arrays with their axes reversed; the import undoes that). The cube is a 3-D array whose axes LAYOUT names (auto: rows x columns x bands, or the axis whose length is the number of wavelengths given), or a 2-D pixel list (pixels x bands or bands x pixels, recognised from ROWS x COLS) whose pixels are stored column-major (MATLAB's order, the auto choice) or row-major. The file's variables (name, size, class) are listed in the log and in every error about VARIABLE.&lt;/p&gt;&lt;p&gt;Without EXTENT the output is a pixel grid: 1 map unit per pixel, the upper-left corner at (0, rows), MATLAB's first row on top, no CRS; QGIS shows it unscaled. With EXTENT (and CRS) the scene is placed there.&lt;/p&gt;&lt;p&gt;Safety: nothing in the file is executed or unpickled. Only numeric and logical arrays are read as data; structs, cell arrays, objects, function handles, sparse and complex arrays are refused with a message (class names are read as plain text from char arrays and cell arrays of text). In v7.3 files, links and datasets stored in other files are never followed.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Convertit une scène hyperspectrale stockée dans un fichier MATLAB .mat (les scènes de référence classiques : Samson, Jasper Ridge, Indian Pines, Pavia, Cuprite...) en un GeoTIFF spectral, celui que lisent tous les algorithmes hyspec : valeurs float32 divisées par SCALE, longueurs d'onde, -9999 comme no-data (pour les valeurs NaN et infinies). Une variable TRUTH optionnelle (carte d'étiquettes ou abondances) est écrite dans un raster distinct, sur la même grille.&lt;/p&gt;&lt;p&gt;Formats : les fichiers MATLAB v5/v6/v7 (le format par défaut de save) sont lus avec scipy.io, qui charge une variable en entier ; une variable qui ne tiendrait pas dans la mémoire disponible est refusée (réenregistrez-la avec &lt;code&gt;save(file, 'x', '-v7.3')&lt;/code&gt;). Les fichiers MATLAB v7.3 sont des fichiers HDF5 et sont lus avec h5py par blocs de lignes : leur taille n'est donc pas limitée par la mémoire.&lt;/p&gt;&lt;p&gt;Les dimensions sont celles de MATLAB, telles que les affiche &lt;code&gt;size(x)&lt;/code&gt;, pour les deux formats (h5py voit les tableaux v7.3 avec leurs axes inversés ; l'import annule cette inversion). Le cube est soit un tableau 3-D dont LAYOUT nomme les axes (auto : lignes x colonnes x bandes, ou l'axe dont la longueur est le nombre de longueurs d'onde fournies), soit une liste de pixels 2-D (pixels x bandes ou bandes x pixels, reconnue d'après ROWS x COLS) dont les pixels sont rangés par colonnes (l'ordre de MATLAB, le choix auto) ou par lignes. Les variables du fichier (nom, taille, classe) sont listées dans le journal et dans chaque erreur portant sur VARIABLE.&lt;/p&gt;&lt;p&gt;Sans EXTENT, la sortie est une grille de pixels : 1 unité cartographique par pixel, coin supérieur gauche en (0, nombre de lignes), première ligne MATLAB en haut, sans SCR ; QGIS l'affiche telle quelle, sans mise à l'échelle. Avec EXTENT (et CRS), la scène est placée à cet endroit.&lt;/p&gt;&lt;p&gt;Sécurité : rien dans le fichier n'est exécuté ni désérialisé (unpickle). Seuls les tableaux numériques et logiques sont lus comme données ; les structures, tableaux de cellules, objets, handles de fonction, tableaux creux et tableaux complexes sont refusés avec un message (les noms de classes sont lus comme du texte brut dans les tableaux de caractères et les tableaux de cellules de texte). Dans les fichiers v7.3, les liens et les jeux de données stockés dans d'autres fichiers ne sont jamais suivis.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="48" />
      <source>The MathWorks. MAT-File Format (v5) and MAT-file version 7.3 (HDF5-based). Benchmark scenes: Zhu, F. (2017). Hyperspectral unmixing: ground truth labeling, datasets, benchmark performances and survey. arXiv:1708.05125 (Samson, Jasper Ridge, Urban, Cuprite); Baumgardner, M. F. et al. (2015). 220 band AVIRIS hyperspectral image data set: June 12, 1992 Indian Pine test site 3. Purdue University Research Repository.</source>
      <translation>The MathWorks. MAT-File Format (v5) et MAT-file version 7.3 (HDF5-based). Scènes de référence : Zhu, F. (2017). Hyperspectral unmixing: ground truth labeling, datasets, benchmark performances and survey. arXiv:1708.05125 (Samson, Jasper Ridge, Urban, Cuprite) ; Baumgardner, M. F. et al. (2015). 220 band AVIRIS hyperspectral image data set: June 12, 1992 Indian Pine test site 3. Purdue University Research Repository.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="64" />
      <source>A MATLAB .mat file, v5/v6/v7 or v7.3 (HDF5). MATLAB v4 files are not read.</source>
      <translation>Un fichier MATLAB .mat, v5/v6/v7 ou v7.3 (HDF5). Les fichiers MATLAB v4 ne sont pas lus.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="66" />
      <source>Name of the variable holding the cube. Default: the largest 3-D numeric array, else the largest 2-D array with ROWS x COLS pixels.</source>
      <translation>Nom de la variable qui contient le cube. Par défaut : le plus grand tableau numérique 3-D, sinon le plus grand tableau 2-D de ROWS x COLS pixels.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="69" />
      <source>Which MATLAB axes are rows, columns and bands of a 3-D array (rows-cols-bands, bands-rows-cols, ...), or the pixel order of a 2-D pixel list: pixels-column-major (MATLAB's order, pixel k is row k mod ROWS) or pixels-row-major (pixel k is row k div COLS). auto: rows-cols-bands for 3-D arrays (or the axis whose length equals the number of wavelengths given), pixels-column-major for 2-D arrays. A wrong pixel order shows the image transposed or sheared.</source>
      <translation>Quels axes MATLAB correspondent aux lignes, aux colonnes et aux bandes d'un tableau 3-D (rows-cols-bands, bands-rows-cols, ...), ou l'ordre des pixels d'une liste de pixels 2-D : pixels-column-major (l'ordre de MATLAB : le pixel k est sur la ligne k mod ROWS) ou pixels-row-major (le pixel k est sur la ligne k div COLS). auto : rows-cols-bands pour les tableaux 3-D (ou l'axe dont la longueur est égale au nombre de longueurs d'onde fournies), pixels-column-major pour les tableaux 2-D. Avec un mauvais ordre des pixels, l'image apparaît transposée ou cisaillée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="87" />
      <source>Every value is divided by this number, e.g. 10000 for reflectance stored as integers 0-10000, or the file's maximum for scenes normalised that way. 1: values as stored.</source>
      <translation>Chaque valeur est divisée par ce nombre, p. ex. 10000 pour une réflectance stockée en entiers de 0 à 10000, ou le maximum du fichier pour les scènes normalisées de cette façon. 1 : valeurs telles que stockées.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="90" />
      <source>A variable of the file (one value per band, nm or µm), a range 'min-max' spread evenly over the bands (e.g. 400-2500 or 0.4-2.5 um; values below 100 are read as µm, and whole numbers below 100 without a unit are refused as band numbers), or the path of a spectra CSV (band,wavelength_nm,...). Default: a vector variable named like 'wavelength', else none. A range is exact only for evenly spaced bands: scenes whose noisy bands were removed need the sensor's own band centres.</source>
      <translation>Une variable du fichier (une valeur par bande, en nm ou en µm), un intervalle 'min-max' réparti régulièrement sur les bandes (p. ex. 400-2500 ou 0.4-2.5 um ; les valeurs inférieures à 100 sont lues en µm, et les nombres entiers inférieurs à 100 sans unité sont refusés, car ils ressemblent à des numéros de bande), ou le chemin d'un CSV de spectres (band,wavelength_nm,...). Par défaut : une variable vecteur dont le nom ressemble à 'wavelength', sinon aucune. Un intervalle n'est exact que pour des bandes régulièrement espacées : les scènes dont les bandes bruitées ont été retirées nécessitent les centres de bandes propres au capteur.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="97" />
      <source>The coordinate reference system of EXTENT. Default: EXTENT's own CRS; without EXTENT, none.</source>
      <translation>Le système de coordonnées de référence (SCR) d'EXTENT. Par défaut : le SCR propre à EXTENT ; sans EXTENT, aucun.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="99" />
      <source>Where the scene lies (its outer pixel edges), reprojected to CRS when that is given. Default: a pixel grid, 1 unit per pixel, with the upper-left corner at (0, rows).</source>
      <translation>L'emplacement de la scène (les bords extérieurs de ses pixels), reprojeté dans CRS si celui-ci est fourni. Par défaut : une grille de pixels, 1 unité par pixel, avec le coin supérieur gauche en (0, nombre de lignes).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="102" />
      <source>A label map (rows x cols, or one value per pixel: whole numbers, 0 = unlabelled) written as a class raster, or abundances (rows x cols x endmembers, or endmembers x pixels) written as float32 with one band per endmember. A variable of INPUT, or of TRUTH_FILE when that is given (default there: its largest array that fits the image).</source>
      <translation>Une carte d'étiquettes (lignes x colonnes, ou une valeur par pixel : nombres entiers, 0 = sans étiquette) écrite comme raster de classes, ou des abondances (lignes x colonnes x endmembers, ou endmembers x pixels) écrites en float32 avec une bande par endmember. Une variable d'INPUT, ou de TRUTH_FILE si celui-ci est fourni (par défaut, dans ce cas : son plus grand tableau compatible avec l'image).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="108" />
      <source>The .mat file holding the truth when it is not INPUT: most benchmark scenes ship it separately (e.g. Indian_pines_gt.mat, or the end3.mat / end4.mat abundances of Samson and Jasper Ridge).</source>
      <translation>Le fichier .mat contenant la vérité terrain quand ce n'est pas INPUT : la plupart des scènes de référence la fournissent à part (p. ex. Indian_pines_gt.mat, ou les abondances end3.mat / end4.mat de Samson et de Jasper Ridge).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="111" />
      <source>Names of the truth's classes or endmembers: a variable of the truth's file (char array or cell array of text) or names separated by ';'. Default: a text variable of that file with one name per class (or one more, the first naming class 0), else 'class 1', 'class 2', ...</source>
      <translation>Noms des classes ou des endmembers de la vérité terrain : une variable du fichier de la vérité terrain (tableau de caractères ou tableau de cellules de texte) ou des noms séparés par ';'. Par défaut : une variable texte de ce fichier contenant un nom par classe (ou un de plus, le premier nommant la classe 0), sinon 'class 1', 'class 2', ...</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="116" />
      <source>float32 GeoTIFF, one band per wavelength, -9999 as no-data, with the wavelengths as metadata.</source>
      <translation>GeoTIFF float32, une bande par longueur d'onde, -9999 comme no-data, avec les longueurs d'onde en métadonnées.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="119" />
      <source>The TRUTH variable on the same grid: a paletted class raster (Byte, UInt16 past 255 classes, 0 = unlabelled) with the class names, or an abundance raster. Written only when TRUTH or TRUTH_FILE is set.</source>
      <translation>La variable TRUTH sur la même grille : un raster de classes avec palette (Byte, UInt16 au-delà de 255 classes, 0 = sans étiquette) portant les noms des classes, ou un raster d'abondances. Écrit uniquement si TRUTH ou TRUTH_FILE est renseigné.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="62" />
      <source>MATLAB file (.mat)</source>
      <translation>Fichier MATLAB (.mat)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="65" />
      <source>Cube variable</source>
      <translation>Variable du cube</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="68" />
      <source>Layout</source>
      <translation>Disposition des axes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="76" />
      <source>Rows (2-D arrays)</source>
      <translation>Lignes (tableaux 2-D)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="77" />
      <source>Image rows of a 2-D pixel list. 0: read from a variable of the file such as nRow, or derived from COLS.</source>
      <translation>Nombre de lignes de l'image pour une liste de pixels 2-D. 0 : lu dans une variable du fichier telle que nRow, ou déduit de COLS.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="79" />
      <source>Columns (2-D arrays)</source>
      <translation>Colonnes (tableaux 2-D)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="80" />
      <source>Image columns of a 2-D pixel list. 0: read from a variable of the file such as nCol, or derived from ROWS.</source>
      <translation>Nombre de colonnes de l'image pour une liste de pixels 2-D. 0 : lu dans une variable du fichier telle que nCol, ou déduit de ROWS.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="84" />
      <source>Divide values by</source>
      <translation>Diviser les valeurs par</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="89" />
      <source>Wavelengths</source>
      <translation>Longueurs d'onde</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="96" />
      <source>CRS</source>
      <translation>SCR</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="101" />
      <source>Ground truth variable</source>
      <translation>Variable de vérité terrain</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="106" />
      <source>Ground truth file</source>
      <translation>Fichier de vérité terrain</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="110" />
      <source>Class names</source>
      <translation>Noms des classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="115" />
      <source>Spectral raster</source>
      <translation>Raster spectral</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="117" />
      <source>Ground truth raster</source>
      <translation>Raster de vérité terrain</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="63" />
      <source>MATLAB files (*.mat);;All files (*.*)</source>
      <translation>Fichiers MATLAB (*.mat);;Tous les fichiers (*.*)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="154" />
      <source>spectral raster ({0} bands)</source>
      <translation>raster spectral ({0} bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="158" />
      <source>ground truth classes ({0})</source>
      <translation>classes de vérité terrain ({0})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importmat.py" line="162" />
      <source>ground truth abundances ({0})</source>
      <translation>abondances de vérité terrain ({0})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="25" />
      <source>Import NEON reflectance (HDF5)</source>
      <translation>Importer la réflectance NEON (HDF5)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="29" />
      <source>Converts a NEON AOP surface reflectance HDF5 file (DP3.30006.001 tile, DP3.30006.002 bidirectional tile or DP1.30006.001 flightline) into a GeoTIFF that loads as a georeferenced layer: CRS from the file's EPSG code, pixel-corner georeference from Map_Info, one band per wavelength named '&lt;n&gt;: &lt;wavelength&gt; nm' with wavelength and FWHM metadata, and -9999 as no-data. The file is read in row blocks, so a full tile or a long flightline never needs the whole cube in memory. The output opens as a true-colour composite (bands nearest 650, 550 and 450 nm).</source>
      <translation>Convertit un fichier HDF5 de réflectance de surface NEON AOP (dalle DP3.30006.001, dalle de réflectance bidirectionnelle DP3.30006.002 ou ligne de vol DP1.30006.001) en un GeoTIFF qui se charge comme une couche géoréférencée : SCR tiré du code EPSG du fichier, géoréférencement par coin de pixel d'après Map_Info, une bande par longueur d'onde nommée '&lt;n&gt;: &lt;wavelength&gt; nm' avec les métadonnées de longueur d'onde et de FWHM, et -9999 comme valeur no-data. Le fichier est lu par blocs de lignes : une dalle entière ou une longue ligne de vol n'exige jamais de charger tout le cube en mémoire. La sortie s'ouvre en composition colorée en couleurs vraies (bandes les plus proches de 650, 550 et 450 nm).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="37" />
      <source>NEON (2024). Spectrometer orthorectified surface reflectance (DP1.30006.001, DP3.30006.001, DP3.30006.002). NEON Algorithm Theoretical Basis Documents; NEON Data Skills tutorial 'NEON AOP Hyperspectral Data in HDF5 format with Python'.</source>
      <translation>NEON (2024). Spectrometer orthorectified surface reflectance (DP1.30006.001, DP3.30006.001, DP3.30006.002). NEON Algorithm Theoretical Basis Documents ; tutoriel NEON Data Skills 'NEON AOP Hyperspectral Data in HDF5 format with Python'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="48" />
      <source>A NEON AOP reflectance HDF5 file. Radiance files (DP1.30008) are not reflectance and are refused.</source>
      <translation>Un fichier HDF5 de réflectance NEON AOP. Les fichiers de luminance (DP1.30008) ne sont pas de la réflectance et sont refusés.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="50" />
      <source>Only import the pixels intersecting this extent (any CRS; it is reprojected to the file's). The output keeps the original pixel grid.</source>
      <translation>N'importer que les pixels qui intersectent cette emprise (n'importe quel SCR ; elle est reprojetée dans celui du fichier). La sortie conserve la grille de pixels d'origine.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="53" />
      <source>float32: reflectance 0-1 (default; about 4 bytes per value). int16: the stored integers with a GDAL scale of 1/Scale_Factor, so QGIS and GDAL read reflectance; half the size.</source>
      <translation>float32 : réflectance 0-1 (par défaut ; environ 4 octets par valeur). int16 : les entiers stockés, avec une échelle GDAL de 1/Scale_Factor, de sorte que QGIS et GDAL lisent la réflectance ; taille divisée par deux.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="56" />
      <source>Semicolon-separated names of ancillary rasters to export next to the cube, e.g. 'Weather_Quality_Indicator;Water_Vapor_Column;Acquisition_Date;Slope'. Each becomes &lt;name&gt;.tif in the ancillary folder.</source>
      <translation>Noms des rasters auxiliaires à exporter à côté du cube, séparés par des points-virgules, p. ex. 'Weather_Quality_Indicator;Water_Vapor_Column;Acquisition_Date;Slope'. Chacun devient &lt;name&gt;.tif dans le dossier des couches auxiliaires.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="61" />
      <source>Folder for the ancillary rasters (required when ancillary layers are asked for).</source>
      <translation>Dossier des rasters auxiliaires (obligatoire quand des couches auxiliaires sont demandées).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="63" />
      <source>GeoTIFF reflectance cube (tiled, ZSTD-compressed, BIGTIFF when needed).</source>
      <translation>Cube de réflectance GeoTIFF (tuilé, compressé en ZSTD, BIGTIFF si nécessaire).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="47" />
      <source>NEON reflectance file (.h5)</source>
      <translation>Fichier de réflectance NEON (.h5)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="52" />
      <source>Output encoding</source>
      <translation>Encodage de la sortie</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="55" />
      <source>Ancillary layers to export</source>
      <translation>Couches auxiliaires à exporter</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="59" />
      <source>Ancillary output folder</source>
      <translation>Dossier de sortie des couches auxiliaires</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="78" />
      <source>ANCILLARY_FOLDER: a folder is needed to export ancillary layers</source>
      <translation>ANCILLARY_FOLDER : un dossier est nécessaire pour exporter les couches auxiliaires</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="88" />
      <source>Wrote {0} x {1} pixels from row {2}, column {3}</source>
      <translation>{0} x {1} pixels écrits à partir de la ligne {2}, colonne {3}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="91" />
      <source>reflectance ({0} bands)</source>
      <translation>réflectance ({0} bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/importneon.py" line="80" />
      <source>ANCILLARY_FOLDER: {0} is a file, not a folder</source>
      <translation>ANCILLARY_FOLDER : {0} est un fichier, pas un dossier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="24" />
      <source>K-means clustering</source>
      <translation>Classification k-means</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="28" />
      <source>&lt;p&gt;Unsupervised classification of the pixels into CLUSTERS groups of similar spectra (or colours), as in NEON's tutorial 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA', on any raster: a cleaned NEON tile, the output of &lt;i&gt;PCA&lt;/i&gt;, or a plain RGB photo.&lt;/p&gt;&lt;p&gt;The centres are fitted on a reproducible random sample of the valid pixels (SAMPLE_SIZE; 0 = all), starting from k-means++ centres drawn with SEED, or from START_CENTERS (a previous run's CENTERS CSV: this resumes it, like Spectral Python's &lt;code&gt;start_clusters&lt;/code&gt;). The fit is scikit-learn's KMeans (Lloyd's algorithm, one start): each iteration assigns every sample pixel to its nearest centre (Euclidean distance) and moves each centre to the mean of its pixels; the fit stops when no pixel changes cluster (converged) or after MAX_ITER iterations, and the log gives the iterations run. Then every valid pixel of the raster is labelled with its nearest centre, block by block.&lt;/p&gt;&lt;p&gt;Pixels that are no-data (or NaN) in any band are left out of the fit and are 0 in the outputs (Spectral Python's kmeans refuses such rasters). The same SEED and SAMPLE_SIZE give the same clusters. Clusters are numbered by decreasing size in the sample (cluster 1 is the largest) and keep stable colours; with START_CENTERS they keep the CSV's order. A cluster left empty during the fit is moved to a sample pixel far from its centre (scikit-learn's rule).&lt;/p&gt;&lt;p&gt;Differences from Spectral Python's &lt;code&gt;kmeans(img, 5, 50)&lt;/code&gt;: it starts from centres spread along the diagonal of the data's bounding box and uses every pixel; on NEON tiles that start can leave a cluster empty. k-means++ on a sample is much faster and usually finds a better partition.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Classification non supervisée des pixels en CLUSTERS groupes de spectres (ou de couleurs) similaires, comme dans le tutoriel NEON 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA', sur n'importe quel raster : une dalle NEON nettoyée, la sortie de l'&lt;i&gt;ACP&lt;/i&gt; ou une simple photo RVB.&lt;/p&gt;&lt;p&gt;Les centres sont ajustés sur un échantillon aléatoire reproductible des pixels valides (SAMPLE_SIZE ; 0 = tous), en partant de centres k-means++ tirés avec SEED, ou de START_CENTERS (le CSV CENTERS d'une exécution précédente, qui est alors reprise, comme avec le &lt;code&gt;start_clusters&lt;/code&gt; de Spectral Python). L'ajustement est celui de KMeans de scikit-learn (algorithme de Lloyd, une seule initialisation) : chaque itération affecte chaque pixel de l'échantillon au centre le plus proche (distance euclidienne) et déplace chaque centre à la moyenne de ses pixels ; l'ajustement s'arrête quand plus aucun pixel ne change de classe (convergence) ou après MAX_ITER itérations, et le journal indique le nombre d'itérations effectuées. Chaque pixel valide du raster est ensuite étiqueté avec le centre le plus proche, bloc par bloc.&lt;/p&gt;&lt;p&gt;Les pixels sans donnée (ou NaN) dans une bande quelconque sont exclus de l'ajustement et valent 0 dans les sorties (la fonction kmeans de Spectral Python refuse de tels rasters). Les mêmes SEED et SAMPLE_SIZE donnent les mêmes classes. Les classes sont numérotées par taille décroissante dans l'échantillon (la classe 1 est la plus grande) et gardent des couleurs stables ; avec START_CENTERS, elles suivent l'ordre du CSV. Une classe restée vide pendant l'ajustement est déplacée sur un pixel de l'échantillon éloigné de son centre (règle de scikit-learn).&lt;/p&gt;&lt;p&gt;Différences avec &lt;code&gt;kmeans(img, 5, 50)&lt;/code&gt; de Spectral Python : celui-ci part de centres répartis le long de la diagonale de la boîte englobante des données et utilise tous les pixels ; sur les dalles NEON, ce point de départ peut laisser une classe vide. k-means++ sur un échantillon est beaucoup plus rapide et trouve généralement une meilleure partition.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="48" />
      <source>Lloyd, S. (1982). Least squares quantization in PCM. IEEE Trans. Inf. Theory 28(2). Arthur, D. &amp;amp; Vassilvitskii, S. (2007). k-means++: the advantages of careful seeding. SODA. Pedregosa, F. et al. (2011). Scikit-learn: Machine Learning in Python. JMLR 12. NEON Data Skills: 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA'.</source>
      <translation>Lloyd, S. (1982). Least squares quantization in PCM. IEEE Trans. Inf. Theory 28(2). Arthur, D. &amp;amp; Vassilvitskii, S. (2007). k-means++: the advantages of careful seeding. SODA. Pedregosa, F. et al. (2011). Scikit-learn: Machine Learning in Python. JMLR 12. NEON Data Skills : 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="62" />
      <source>Any GDAL raster file: a (cleaned) reflectance cube, a PCA output, an RGB image. Wavelengths are not needed. A pixel that is no-data or NaN in any band is ignored.</source>
      <translation>N'importe quel fichier raster GDAL : un cube de réflectance (nettoyé), une sortie d'ACP, une image RVB. Les longueurs d'onde ne sont pas nécessaires. Un pixel sans donnée ou NaN dans une bande quelconque est ignoré.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="67" />
      <source>How many clusters (classes) to find: at least 2, and at most the number of valid pixels. NEON's tutorial uses 5.</source>
      <translation>Nombre de classes (clusters) à trouver : au moins 2, et au plus le nombre de pixels valides. Le tutoriel NEON en utilise 5.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="72" />
      <source>The fit stops after this many iterations if it has not converged (no pixel changing cluster). NEON's tutorial uses 50.</source>
      <translation>L'ajustement s'arrête après ce nombre d'itérations s'il n'a pas convergé (plus aucun pixel ne changeant de classe). Le tutoriel NEON en utilise 50.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="76" />
      <source>Seed of the sample and of the k-means++ start: the same seed gives the same clusters.</source>
      <translation>Graine de l'échantillon et de l'initialisation k-means++ : la même graine donne les mêmes classes.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="79" />
      <source>Resume a run: start from these centres instead of k-means++, e.g. the CENTERS CSV of a previous run stopped by MAX_ITER. One row per band (band,wavelength_nm,&lt;name&gt;...), matched to the input by wavelength within half a band (or by band count when either has no wavelengths); it must hold CLUSTERS centres.</source>
      <translation>Reprendre une exécution : partir de ces centres au lieu de k-means++, p. ex. du CSV CENTERS d'une exécution précédente arrêtée par MAX_ITER. Une ligne par bande (band,wavelength_nm,&lt;name&gt;...), appariée à l'entrée par longueur d'onde à une demi-bande près (ou par nombre de bandes quand l'un des deux n'a pas de longueurs d'onde) ; il doit contenir CLUSTERS centres.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="86" />
      <source>The centres are fitted on a random sample of about this many valid pixels (drawn with SEED); every pixel is still labelled. Larger samples cost time and memory (4 bytes per band per pixel); 0 fits on all valid pixels (refused when the sample would exceed 2 GB, i.e. pixels x bands x 4 bytes).</source>
      <translation>Les centres sont ajustés sur un échantillon aléatoire d'environ ce nombre de pixels valides (tiré avec SEED) ; tous les pixels sont néanmoins étiquetés. Un échantillon plus grand coûte du temps et de la mémoire (4 octets par bande et par pixel) ; 0 ajuste sur tous les pixels valides (refusé si l'échantillon dépasse 2 Go, soit pixels x bandes x 4 octets).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="91" />
      <source>Byte GeoTIFF (UInt16 beyond 255 clusters): cluster 1..k, 0 = no-data, with a colour table and the names 'cluster 1', 'cluster 2', ...</source>
      <translation>GeoTIFF Byte (UInt16 au-delà de 255 classes) : classe 1..k, 0 = sans donnée, avec une table de couleurs et les noms 'cluster 1', 'cluster 2', ...</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="96" />
      <source>One row per input band (band,wavelength_nm,cluster 1,...): the mean spectrum of each cluster. Usable as START_CENTERS, and as endmembers for unmixing, SAM or SID.</source>
      <translation>Une ligne par bande d'entrée (band,wavelength_nm,cluster 1,...) : le spectre moyen de chaque classe. Utilisable comme START_CENTERS, et comme endmembers pour le démélange, SAM ou SID.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="100" />
      <source>Each pixel replaced by its cluster's centre, with the input's bands and wavelengths: on an RGB photo with 8 clusters this is the 8-colour picture. Integer inputs without scale keep their data type; others are float32 with -9999 as no-data.</source>
      <translation>Chaque pixel est remplacé par le centre de sa classe, avec les bandes et les longueurs d'onde de l'entrée : sur une photo RVB avec 8 classes, on obtient l'image en 8 couleurs. Les entrées entières sans facteur d'échelle conservent leur type de données ; les autres sont écrites en float32 avec -9999 comme no-data.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="103" />
      <source>the cluster centres</source>
      <translation>les centres des classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="142" />
      <source>k-means cluster centres</source>
      <translation>Centres des classes k-means</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="64" />
      <source>Number of clusters</source>
      <translation>Nombre de classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="69" />
      <source>Maximum iterations</source>
      <translation>Nombre maximal d'itérations</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="74" />
      <source>Random seed</source>
      <translation>Graine aléatoire</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="77" />
      <source>Start centres (spectra CSV)</source>
      <translation>Centres de départ (CSV de spectres)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="83" />
      <source>Fit sample size (pixels, 0 = all)</source>
      <translation>Taille de l'échantillon d'ajustement (pixels, 0 = tous)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="90" />
      <source>Clusters</source>
      <translation>Classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="93" />
      <source>Cluster centres (spectra CSV)</source>
      <translation>Centres des classes (CSV de spectres)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="98" />
      <source>Centre image</source>
      <translation>Image des centres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="104" />
      <source>Iterations run</source>
      <translation>Itérations effectuées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="105" />
      <source>Converged</source>
      <translation>Convergence atteinte</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="108" />
      <source>CLUSTERS: k-means needs at least 2 clusters, got {0}</source>
      <translation>CLUSTERS : k-means nécessite au moins 2 classes ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="109" />
      <source>MAX_ITER: must be 1 or more, got {0}</source>
      <translation>MAX_ITER : doit être supérieur ou égal à 1 ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="110" />
      <source>SAMPLE_SIZE: must be 0 (all valid pixels) or more, got {0}</source>
      <translation>SAMPLE_SIZE : doit être 0 (tous les pixels valides) ou plus ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="111" />
      <source>SEED: must be 0 or more, got {0}</source>
      <translation>SEED : doit être supérieur ou égal à 0 ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="140" />
      <source>k-means classes ({0})</source>
      <translation>classes k-means ({0})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/kmeans.py" line="141" />
      <source>k-means centre image ({0} clusters)</source>
      <translation>image des centres k-means ({0} classes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/neon_area.py" line="118" />
      <source>AREA: give an extent or a vector layer of plots / points</source>
      <translation>AREA : indiquez une emprise ou une couche vectorielle de placettes / points</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/neon_area.py" line="46" />
      <source>AREA: no geometry to download tiles for</source>
      <translation>AREA : aucune géométrie pour laquelle télécharger des dalles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/neon_area.py" line="114" />
      <source>AREA: {0} features of {1} ({2})</source>
      <translation>AREA : {0} entités de {1} ({2})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/neon_area.py" line="123" />
      <source>AREA: the extent has no CRS; taken as {0}</source>
      <translation>AREA : l'emprise n'a pas de SCR ; {0} est utilisé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/neon_area.py" line="113" />
      <source>AREA: the layer {0} has no feature with a geometry</source>
      <translation>AREA : la couche {0} n'a aucune entité dotée d'une géométrie</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="41" />
      <source>Endmembers (N-FINDR)</source>
      <translation>Extraction des endmembers (N-FINDR)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="44" />
      <source>&lt;p&gt;Finds the ENDMEMBERS_COUNT pixels that span the simplex of largest volume (N-FINDR, as NEON's endmember tutorial runs with pysptools) and writes their spectra as a CSV (&lt;code&gt;band,wavelength_nm,EM1,...&lt;/code&gt;) that &lt;i&gt;Spectral unmixing&lt;/i&gt;, SAM and SID read.&lt;/p&gt;&lt;p&gt;The valid pixels are projected on their first ENDMEMBERS_COUNT - 1 principal components. By default (PCA_FIT sample) the run reads the file once: a seeded sample of whole row blocks spread over the raster (about PCA_SAMPLE_SIZE pixels) finds the space the components lie in, and every valid pixel weighs them within it; PCA_FIT exact takes them from the covariance of every valid pixel (one streamed pass, coordinates from a second). Either way every valid pixel is a candidate. There the simplex volume is linear in each vertex, so replacing a vertex is one matrix product over all pixels instead of one determinant per pixel; the log shows the volume after each iteration. No-data pixels are never chosen. The CSV holds the original spectra of the chosen pixels, as stored in the input (all of its bands).&lt;/p&gt;&lt;p&gt;Run it on cleaned reflectance (&lt;i&gt;Clean bands&lt;/i&gt;, endmember recipe: water windows and the last 10 bands removed): the noisy water-vapour bands otherwise dominate the principal components.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Trouve les ENDMEMBERS_COUNT pixels, pôles de mélange (endmembers), qui définissent le simplexe de plus grand volume (N-FINDR, tel que le tutoriel NEON sur les endmembers l'exécute avec pysptools) et écrit leurs spectres dans un CSV (&lt;code&gt;band,wavelength_nm,EM1,...&lt;/code&gt;) que lisent &lt;i&gt;Démélange spectral&lt;/i&gt;, SAM et SID.&lt;/p&gt;&lt;p&gt;Les pixels valides sont projetés sur leurs ENDMEMBERS_COUNT - 1 premières composantes principales. Par défaut (PCA_FIT sample), l'exécution lit le fichier une seule fois : un échantillon, tiré avec la graine, de blocs de lignes entiers répartis sur le raster (environ PCA_SAMPLE_SIZE pixels) trouve l'espace où se situent les composantes, et tous les pixels valides les pondèrent dans cet espace ; PCA_FIT exact les tire de la covariance de tous les pixels valides (une lecture en flux, les coordonnées lors d'une seconde). Dans les deux cas, tout pixel valide est candidat. Dans cet espace, le volume du simplexe est linéaire en chaque sommet, si bien que remplacer un sommet revient à un seul produit matriciel sur tous les pixels au lieu d'un déterminant par pixel ; le journal indique le volume après chaque itération. Les pixels sans donnée ne sont jamais choisis. Le CSV contient les spectres d'origine des pixels choisis, tels que stockés dans l'entrée (toutes ses bandes).&lt;/p&gt;&lt;p&gt;À exécuter sur une réflectance nettoyée (&lt;i&gt;Nettoyer les bandes&lt;/i&gt;, recette endmembers : fenêtres de vapeur d'eau et 10 dernières bandes retirées) : sinon, les bandes bruitées de la vapeur d'eau dominent les composantes principales.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="60" />
      <source>Winter, M. E. (1999). N-FINDR: an algorithm for fast autonomous spectral end-member determination in hyperspectral data. Proc. SPIE 3753, 266-275. Plaza, A., Chang, C.-I. (2006). Impact of initialization on design of endmember extraction algorithms. IEEE TGRS 44(11), 3397-3407 (ATGP). Halko, N., Martinsson, P.-G., Tropp, J. A. (2011). Finding structure with randomness. SIAM Review 53(2), 217-288 (the sampled fit's last step, Rayleigh-Ritz in a search space). NEON Data Skills: 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</source>
      <translation>Winter, M. E. (1999). N-FINDR: an algorithm for fast autonomous spectral end-member determination in hyperspectral data. Proc. SPIE 3753, 266-275. Plaza, A., Chang, C.-I. (2006). Impact of initialization on design of endmember extraction algorithms. IEEE TGRS 44(11), 3397-3407 (ATGP). Halko, N., Martinsson, P.-G., Tropp, J. A. (2011). Finding structure with randomness. SIAM Review 53(2), 217-288 (dernière étape de l'ajustement sur échantillon : Rayleigh-Ritz dans un espace de recherche). NEON Data Skills : 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="76" />
      <source>Any GDAL raster file; pixels where any band is no-data or NaN are ignored.</source>
      <translation>N'importe quel fichier raster GDAL ; les pixels dont une bande est sans donnée ou NaN sont ignorés.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="79" />
      <source>How many endmembers to extract (the tutorial uses 4). At least 2, at most the number of bands and of valid pixels.</source>
      <translation>Nombre d'endmembers à extraire (le tutoriel en utilise 4). Au moins 2, au plus le nombre de bandes et le nombre de pixels valides.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="83" />
      <source>Maximum number of iterations (sweeps over all vertices); 0 = 3 x the number of endmembers, as pysptools. The run stops earlier when an iteration replaces no vertex, which is what usually happens (pysptools' loop allows one sweep more than its maxit). The tutorial uses 5.</source>
      <translation>Nombre maximal d'itérations (passes sur tous les sommets) ; 0 = 3 x le nombre d'endmembers, comme pysptools. L'exécution s'arrête plus tôt quand une itération ne remplace aucun sommet, ce qui est le cas habituel (la boucle de pysptools autorise une passe de plus que son maxit). Le tutoriel en utilise 5.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="87" />
      <source>ATGP (default, as the tutorial: reproducible, starts from spectrally extreme pixels) or random (distinct valid pixels drawn with SEED).</source>
      <translation>ATGP (par défaut, comme dans le tutoriel : reproductible, part de pixels spectralement extrêmes) ou random (pixels valides distincts tirés avec SEED).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="91" />
      <source>Seed of the random initialisation and of the PCA sample's rows: the same seed gives the same endmembers.</source>
      <translation>Graine de l'initialisation aléatoire et des lignes de l'échantillon de l'ACP : la même graine donne les mêmes endmembers.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="94" />
      <source>sample (default): the principal components of every valid pixel within a search space found on a seeded sample of whole row blocks (about PCA_SAMPLE_SIZE pixels, one block row drawn in each of as many equal stretches of the raster), all in one read of the file. On the generated 1000 x 1000 tile it chose the same endmembers as exact for 3 to 7 endmembers (0.0 degree apart; the tests allow 0.1 on their scenes). When the last two components hold nearly the same variance (more endmembers than the data have materials), the endmember the last one adds can differ, and the log says so. exact: the covariance of every valid pixel, one more read of the file (as before, and as pysptools).</source>
      <translation>sample (par défaut) : les composantes principales de tous les pixels valides dans un espace de recherche trouvé sur un échantillon, tiré avec la graine, de blocs de lignes entiers (environ PCA_SAMPLE_SIZE pixels, un bloc de lignes tiré dans chacune d'autant de tranches égales du raster), le tout en une seule lecture du fichier. Sur la tuile générée de 1000 x 1000, il a choisi les mêmes endmembers qu'exact de 3 à 7 endmembers (0,0 degré d'écart ; les tests tolèrent 0,1 sur leurs scènes). Quand les deux dernières composantes portent presque la même variance (plus d'endmembers que les données n'ont de matériaux), l'endmember qu'ajoute la dernière peut différer, et le journal le signale. exact : la covariance de tous les pixels valides, une lecture du fichier de plus (comme auparavant, et comme pysptools).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="105" />
      <source>Pixels in the PCA sample with PCA_FIT sample, rounded up to whole row blocks of the file (a raster no larger than this is fitted on all of its pixels, still in one read). The default is about 11 % of a NEON tile; more only costs computing time and memory (4 bytes per band and pixel).</source>
      <translation>Nombre de pixels de l'échantillon de l'ACP avec PCA_FIT sample, arrondi au bloc de lignes entier du fichier (un raster qui n'est pas plus grand est ajusté sur tous ses pixels, toujours en une seule lecture). La valeur par défaut représente environ 11 % d'une tuile NEON ; davantage ne coûte que du temps de calcul et de la mémoire (4 octets par bande et par pixel).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="111" />
      <source>CSV, one row per band: band,wavelength_nm,EM1,...,EMn (reflectance as in the input).</source>
      <translation>CSV, une ligne par bande : band,wavelength_nm,EM1,...,EMn (réflectance telle que dans l'entrée).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="115" />
      <source>Optional point layer: one point per endmember at its pixel centre, in the raster's CRS, with its name (EM1...) and pixel row/col (0-based).</source>
      <translation>Couche de points optionnelle : un point par endmember au centre de son pixel, dans le SCR du raster, avec son nom (EM1...) et la ligne et la colonne de son pixel (row/col, à partir de 0).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="117" />
      <source>the endmember spectra</source>
      <translation>les spectres des endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="145" />
      <source>N-FINDR endmembers</source>
      <translation>Endmembers N-FINDR</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="77" />
      <source>Number of endmembers</source>
      <translation>Nombre d'endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="86" />
      <source>Initialisation</source>
      <translation>Initialisation</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="93" />
      <source>Principal components fitted on</source>
      <translation>Composantes principales ajustées sur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="102" />
      <source>PCA sample size (pixels)</source>
      <translation>Taille de l'échantillon de l'ACP (pixels)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="109" />
      <source>Endmember spectra</source>
      <translation>Spectres des endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="112" />
      <source>Endmember locations</source>
      <translation>Positions des endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="119" />
      <source>Simplex volume</source>
      <translation>Volume du simplexe</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="127" />
      <source>OUTPUT: no file name given for the endmember CSV</source>
      <translation>OUTPUT : aucun nom de fichier fourni pour le CSV des endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/nfindr.py" line="143" />
      <source>{0}: pixel row {1}, column {2} (x {3:.2f}, y {4:.2f})</source>
      <translation>{0} : pixel ligne {1}, colonne {2} (x {3:.2f}, y {4:.2f})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/params.py" line="65" />
      <source>{0}: {1!r} is not one of {2}</source>
      <translation>{0} : {1!r} n'est pas une valeur admise ({2})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/params.py" line="75" />
      <source>{0}: expected numbers separated by commas, got {1!r}</source>
      <translation>{0} : des nombres séparés par des virgules sont attendus ; valeur reçue : {1!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="20" />
      <source>Principal component analysis (PCA)</source>
      <translation>Analyse en composantes principales (ACP)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="21" />
      <source>Transforms</source>
      <translation>Transformations</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="23" />
      <source>&lt;p&gt;Principal components of the pixels' spectra, as in NEON's tutorial 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' (Spectral Python's &lt;code&gt;principal_components(img).reduce(fraction=0.999)&lt;/code&gt;), on any raster.&lt;/p&gt;&lt;p&gt;The mean and the exact covariance of the valid pixels are accumulated block by block (no copy of the cube in memory), then decomposed into eigenvalues and eigenvectors; each component's sign makes its largest loading positive, so runs are reproducible. COMPONENTS fixes the number of components kept; with 0 the number is chosen as Spectral Python does: the fewest leading components whose cumulative share of the variance reaches VARIANCE_FRACTION. Every pixel is then projected, block by block: (spectrum - mean) times the kept eigenvectors.&lt;/p&gt;&lt;p&gt;Pixels that are no-data (or NaN) in any band are left out of the statistics and are no-data (-9999) in the output. The output chains into &lt;i&gt;K-means clustering&lt;/i&gt; (the tutorial's challenge: cluster on the components).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Composantes principales des spectres des pixels, comme dans le tutoriel NEON 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' (&lt;code&gt;principal_components(img).reduce(fraction=0.999)&lt;/code&gt; de Spectral Python), sur n'importe quel raster.&lt;/p&gt;&lt;p&gt;La moyenne et la covariance exacte des pixels valides sont accumulées bloc par bloc (sans copie du cube en mémoire), puis décomposées en valeurs propres et vecteurs propres ; le signe de chaque composante est choisi pour que son plus grand coefficient (loading) soit positif, ce qui rend les exécutions reproductibles. COMPONENTS fixe le nombre de composantes conservées ; avec 0, ce nombre est choisi comme le fait Spectral Python : le plus petit nombre de premières composantes dont la part cumulée de la variance atteint VARIANCE_FRACTION. Chaque pixel est ensuite projeté, bloc par bloc : (spectre - moyenne) multiplié par les vecteurs propres conservés.&lt;/p&gt;&lt;p&gt;Les pixels sans donnée (ou NaN) dans une bande quelconque sont exclus des statistiques et sont sans donnée (-9999) dans la sortie. La sortie peut être enchaînée avec la &lt;i&gt;Classification k-means&lt;/i&gt; (le défi du tutoriel : classer les pixels sur les composantes).&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="37" />
      <source>Richards, J. A. (2013). Remote Sensing Digital Image Analysis, ch. 6 (principal components). Spectral Python, spectral.principal_components and PrincipalComponents.reduce. NEON Data Skills: 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA'.</source>
      <translation>Richards, J. A. (2013). Remote Sensing Digital Image Analysis, chap. 6 (composantes principales). Spectral Python, spectral.principal_components et PrincipalComponents.reduce. NEON Data Skills : 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="49" />
      <source>Any GDAL raster file (a cleaned reflectance cube, an RGB image...). Wavelengths are not needed; when present they are written in the LOADINGS CSV. A pixel that is no-data or NaN in any band is ignored.</source>
      <translation>N'importe quel fichier raster GDAL (un cube de réflectance nettoyé, une image RVB...). Les longueurs d'onde ne sont pas nécessaires ; si elles sont présentes, elles sont écrites dans le CSV LOADINGS. Un pixel sans donnée ou NaN dans une bande quelconque est ignoré.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="54" />
      <source>How many leading components to keep; 0 chooses the number from VARIANCE_FRACTION. At most the number of input bands.</source>
      <translation>Nombre de premières composantes à conserver ; 0 choisit ce nombre d'après VARIANCE_FRACTION. Au plus le nombre de bandes en entrée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="59" />
      <source>Used when COMPONENTS is 0: keep the fewest leading components whose cumulative share of the total variance is at least this fraction, in (0, 1] (Spectral Python's reduce(fraction=...)). NEON's tutorial uses 0.999.</source>
      <translation>Utilisé quand COMPONENTS vaut 0 : conserver le plus petit nombre de premières composantes dont la part cumulée de la variance totale atteint au moins cette fraction, dans (0, 1] (reduce(fraction=...) de Spectral Python). Le tutoriel NEON utilise 0.999.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="63" />
      <source>float32 GeoTIFF, one band per kept component, named like 'PC1 (93.1 %)' (its share of the variance), with band metadata eigenvalue and explained_fraction; -9999 = no-data. Opens as a PC1/PC2/PC3 colour composite.</source>
      <translation>GeoTIFF float32, une bande par composante conservée, nommée comme 'PC1 (93.1 %)' (sa part de la variance), avec les métadonnées de bande eigenvalue et explained_fraction ; -9999 = sans donnée. S'ouvre en composition colorée PC1/PC2/PC3.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="69" />
      <source>One row per component (all of them): component, eigenvalue, explained_fraction, cumulative_fraction, kept (1 for the components in the output).</source>
      <translation>Une ligne par composante (toutes les composantes) : component, eigenvalue, explained_fraction, cumulative_fraction, kept (1 pour les composantes présentes dans la sortie).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="74" />
      <source>The eigenvectors of the kept components: one row per input band with its wavelength, one column per component (band,wavelength_nm,PC1,PC2,...), the spectra CSV format.</source>
      <translation>Les vecteurs propres des composantes conservées : une ligne par bande d'entrée avec sa longueur d'onde, une colonne par composante (band,wavelength_nm,PC1,PC2,...), au format CSV de spectres.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="52" />
      <source>Number of components (0 = by variance fraction)</source>
      <translation>Nombre de composantes (0 = selon la fraction de variance)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="56" />
      <source>Variance fraction to keep</source>
      <translation>Fraction de la variance à conserver</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="62" />
      <source>Principal components</source>
      <translation>Composantes principales</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="66" />
      <source>Eigenvalues (CSV)</source>
      <translation>Valeurs propres (CSV)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="71" />
      <source>Loadings (spectra CSV)</source>
      <translation>Coefficients (loadings, CSV de spectres)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="76" />
      <source>Components kept</source>
      <translation>Composantes conservées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="77" />
      <source>Fraction of the variance kept</source>
      <translation>Fraction de la variance conservée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="110" />
      <source>PCA ({0} components)</source>
      <translation>ACP ({0} composantes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="83" />
      <source>VARIANCE_FRACTION: must be in (0, 1] (e.g. 0.999 keeps 99.9 % of the variance), got {0}</source>
      <translation>VARIANCE_FRACTION : doit être dans (0, 1] (p. ex. 0.999 conserve 99.9 % de la variance) ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/pca.py" line="90" />
      <source>COMPONENTS: must be 0 (choose by VARIANCE_FRACTION) or more, got {0}</source>
      <translation>COMPONENTS : doit être 0 (choix selon VARIANCE_FRACTION) ou plus ; valeur reçue : {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="18" />
      <source>Predict with classifier</source>
      <translation>Prédire avec un classifieur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="21" />
      <source>&lt;p&gt;Classifies every pixel with a MODEL from &lt;i&gt;Train classifier&lt;/i&gt;: the class of highest probability, with the training class names and stable colours (1..k; 0 = no-data), and optionally the probability of every class (PROBABILITY: one float32 band per class, summing to 1 in every pixel; -9999 = no-data).&lt;/p&gt;&lt;p&gt;The raster is read block by block in bounded memory; each block's valid spectra get the model's pre-processing. The input must have the bands the model was trained on (same count and, when the model knows them, the same wavelengths within half a band): otherwise the run stops with a message naming the first band that differs. A cnn model needs PyTorch; a random_forest model needs scikit-learn.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Classe chaque pixel avec un MODEL issu de &lt;i&gt;Entraîner un classifieur&lt;/i&gt; : la classe de plus forte probabilité, avec les noms des classes d'entraînement et des couleurs stables (1..k ; 0 = sans donnée), et, en option, la probabilité de chaque classe (PROBABILITY : une bande float32 par classe, de somme égale à 1 dans chaque pixel ; -9999 = sans donnée).&lt;/p&gt;&lt;p&gt;Le raster est lu bloc par bloc, dans une mémoire bornée ; les spectres valides de chaque bloc reçoivent le prétraitement du modèle. L'entrée doit avoir les bandes sur lesquelles le modèle a été entraîné (même nombre et, quand le modèle les connaît, mêmes longueurs d'onde à une demi-bande près) : sinon, l'exécution s'arrête avec un message indiquant la première bande qui diffère. Un modèle cnn nécessite PyTorch ; un modèle random_forest nécessite scikit-learn.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="30" />
      <source>Windrim, L. et al. (2017). Hyperspectral CNN classification with limited training samples. BMVC. Breiman, L. (2001). Random forests. Machine Learning 45, 5-32.</source>
      <translation>Windrim, L. et al. (2017). Hyperspectral CNN classification with limited training samples. BMVC. Breiman, L. (2001). Random forests. Machine Learning 45, 5-32.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="42" />
      <source>The MODEL file written by hyspec:trainclassifier.</source>
      <translation>Le fichier MODEL écrit par hyspec:trainclassifier.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="44" />
      <source>Byte GeoTIFF (UInt16 beyond 255 classes): class 1..k with the training names and colours, 0 = no-data.</source>
      <translation>GeoTIFF Byte (UInt16 au-delà de 255 classes) : classes 1..k avec les noms et les couleurs de l'entraînement, 0 = sans donnée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="48" />
      <source>Optional float32 raster, one band per class ('p(&lt;class&gt;)'), summing to 1 in every pixel.</source>
      <translation>Raster float32 optionnel, une bande par classe ('p(&lt;class&gt;)'), de somme égale à 1 dans chaque pixel.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="40" />
      <source>Classifier model</source>
      <translation>Modèle de classifieur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="43" />
      <source>Classes</source>
      <translation>Classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="46" />
      <source>Class probabilities</source>
      <translation>Probabilités des classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="62" />
      <source>classes ({0}, model {1})</source>
      <translation>classes ({0}, modèle {1})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/predictclassifier.py" line="63" />
      <source>class probabilities (model {0})</source>
      <translation>probabilités des classes (modèle {0})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sam.py" line="9" />
      <source>Spectral Angle Mapper (SAM)</source>
      <translation>Spectral Angle Mapper (SAM)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sam.py" line="10" />
      <source>&lt;p&gt;Classifies every pixel by the spectral angle between its spectrum and each endmember: angle = arccos(x.e / (|x| |e|)), in radians, insensitive to brightness (illumination). A pixel goes to the endmember with the smallest angle; thresholds leave pixels unclassified (0) as in ENVI. The optional rule raster holds every pixel's angle to every endmember.&lt;/p&gt;&lt;h3&gt;Threshold modes&lt;/h3&gt;&lt;p&gt;&lt;b&gt;absolute&lt;/b&gt; (default, as ENVI): the angle between the spectra as they are, and a maximum angle in radians, e.g. 0.1 (5.7 degrees); one value for all classes or one per class.&lt;/p&gt;&lt;p&gt;&lt;b&gt;relative&lt;/b&gt; (pysptools, NEON's tutorials): the cube and the library are first rescaled to 0-1, each by its own global minimum and maximum, as pysptools' SAM does, and the cosine is rounded to 7 decimals as pysptools does. A threshold is then a fraction of the range of the angles: one value t gives the limit min + (max - min) * t over all classes' angles together (pysptools' default 0.1); a list gives each class its own limit from its own angles' range. A pixel is classified when its angle is below the limit. This reproduces pysptools' SAM map pixel for pixel. The rescaling shifts dark spectra (water) more than bright ones, so the angles differ from the absolute mode's.&lt;/p&gt;&lt;p&gt;NEON's tutorial leaves SAM as an exercise after SID: SELECT 1,3,4 with THRESHOLD 0.1 and THRESHOLD_MODE relative is the same call as pysptools' SAM().classify(data, U[[0,2,3]], 0.1).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Classe chaque pixel selon l'angle spectral entre son spectre et chaque pôle de mélange (endmember) : angle = arccos(x.e / (|x| |e|)), en radians, insensible à la luminosité (éclairement). Un pixel est affecté à l'endmember d'angle le plus faible ; les seuils laissent des pixels non classés (0), comme dans ENVI. Le raster de règles optionnel contient l'angle de chaque pixel à chaque endmember.&lt;/p&gt;&lt;h3&gt;Modes de seuil&lt;/h3&gt;&lt;p&gt;&lt;b&gt;absolute&lt;/b&gt; (par défaut, comme ENVI) : l'angle entre les spectres tels quels, et un angle maximal en radians, p. ex. 0.1 (5.7 degrés) ; une valeur pour toutes les classes ou une par classe.&lt;/p&gt;&lt;p&gt;&lt;b&gt;relative&lt;/b&gt; (pysptools, tutoriels NEON) : le cube et la bibliothèque sont d'abord remis à l'échelle 0-1, chacun par ses propres minimum et maximum globaux, comme le fait la fonction SAM de pysptools, et le cosinus est arrondi à 7 décimales, comme dans pysptools. Un seuil est alors une fraction de l'étendue des angles : une valeur t donne la limite min + (max - min) * t sur les angles de toutes les classes réunies (0.1 par défaut dans pysptools) ; une liste donne à chaque classe sa propre limite, tirée de l'étendue de ses propres angles. Un pixel est classé quand son angle est inférieur à la limite. Cela reproduit pixel pour pixel la carte SAM de pysptools. La remise à l'échelle décale davantage les spectres sombres (eau) que les spectres clairs, si bien que les angles diffèrent de ceux du mode absolute.&lt;/p&gt;&lt;p&gt;Le tutoriel NEON laisse SAM en exercice après SID : SELECT 1,3,4 avec THRESHOLD 0.1 et THRESHOLD_MODE relative équivaut à l'appel SAM().classify(data, U[[0,2,3]], 0.1) de pysptools.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sam.py" line="28" />
      <source>Kruse, F. A. et al. (1993). The Spectral Image Processing System (SIPS): interactive visualization and analysis of imaging spectrometer data. Remote Sensing of Environment 44, 145-163. pysptools 0.15 classification.SAM. NEON Data Skills tutorial 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</source>
      <translation>Kruse, F. A. et al. (1993). The Spectral Image Processing System (SIPS): interactive visualization and analysis of imaging spectrometer data. Remote Sensing of Environment 44, 145-163. pysptools 0.15 classification.SAM. Tutoriel NEON Data Skills 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sam.py" line="39" />
      <source>Empty: no threshold, every valid pixel is classified. One value for all classes, or one value per selected class separated by commas, in the order of the classes. absolute mode: the maximum angle in radians (e.g. 0.1). relative mode: a fraction (0-1) of the angles' range, e.g. 0.1 or 0.1,0.2,0.05. A list of the wrong length is an error.</source>
      <translation>Vide : pas de seuil, chaque pixel valide est classé. Une valeur pour toutes les classes, ou une valeur par classe sélectionnée, séparées par des virgules, dans l'ordre des classes. Mode absolute : l'angle maximal en radians (p. ex. 0.1). Mode relative : une fraction (0-1) de l'étendue des angles, p. ex. 0.1 ou 0.1,0.2,0.05. Une liste de longueur incorrecte provoque une erreur.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sam.py" line="36" />
      <source>SAM classes</source>
      <translation>Classes SAM</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sam.py" line="36" />
      <source>SAM rule (angles, radians)</source>
      <translation>Règles SAM (angles, en radians)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sid.py" line="9" />
      <source>Spectral Information Divergence (SID)</source>
      <translation>Spectral Information Divergence (SID)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sid.py" line="10" />
      <source>&lt;p&gt;Classifies every pixel by the spectral information divergence between its spectrum and each endmember: both spectra are read as probability distributions over the bands (p = x / sum(x)) and SID = sum((p - q) * log(p / q)), the symmetric Kullback-Leibler divergence. A pixel goes to the endmember with the smallest divergence; thresholds leave pixels unclassified (0). The optional rule raster holds every pixel's divergence to every endmember.&lt;/p&gt;&lt;h3&gt;Threshold modes&lt;/h3&gt;&lt;p&gt;&lt;b&gt;absolute&lt;/b&gt; (default): the divergence of the spectra as they are, and a maximum divergence, e.g. 0.05; one value for all classes or one per class. Zeros and negative reflectance (noise in dark bands) have no logarithm, so before normalising, every value of a spectrum (pixel or endmember) below 0.1 % of that spectrum's root-mean-square value is raised to that floor; this keeps SID independent of brightness (SID of 2x equals SID of x), and an all-zero spectrum becomes flat. No pixel gives NaN.&lt;/p&gt;&lt;p&gt;&lt;b&gt;relative&lt;/b&gt; (pysptools, NEON's tutorials): the cube and the library are first rescaled to 0-1, each by its own global minimum and maximum, as pysptools' SID does, then p = x / sum(x) + 2.2e-16 (pysptools' floor, np.spacing(1)). A threshold is a fraction of the range of the divergences: one value t gives the limit min + (max - min) * t over all classes together; a list gives each class its own limit from its own divergences' range (and, as in pysptools, divergences of 10 or more are then never classified). A pixel is classified when its divergence is below the limit.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Tutorial example&lt;/b&gt;: NEON's endmember tutorial runs SID(data, U[[0,2,3]], [0.8, 0.3, 0.03]) on four N-FINDR endmembers. Here: ENDMEMBERS = the N-FINDR CSV, SELECT = 1,3,4, THRESHOLD = 0.8,0.3,0.03, THRESHOLD_MODE = relative; the class map equals pysptools' pixel for pixel (up to float32 rounding of divergences within about 1e-6 of a limit).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Classe chaque pixel selon la divergence d'information spectrale entre son spectre et chaque pôle de mélange (endmember) : les deux spectres sont traités comme des distributions de probabilité sur les bandes (p = x / sum(x)) et SID = sum((p - q) * log(p / q)), la divergence de Kullback-Leibler symétrique. Un pixel est affecté à l'endmember de divergence la plus faible ; les seuils laissent des pixels non classés (0). Le raster de règles optionnel contient la divergence de chaque pixel à chaque endmember.&lt;/p&gt;&lt;h3&gt;Modes de seuil&lt;/h3&gt;&lt;p&gt;&lt;b&gt;absolute&lt;/b&gt; (par défaut) : la divergence des spectres tels quels, et une divergence maximale, p. ex. 0.05 ; une valeur pour toutes les classes ou une par classe. Les valeurs nulles et les réflectances négatives (bruit dans les bandes sombres) n'ont pas de logarithme : avant la normalisation, toute valeur d'un spectre (pixel ou endmember) inférieure à 0.1 % de la moyenne quadratique (RMS) de ce spectre est relevée à ce plancher ; la SID reste ainsi indépendante de la luminosité (la SID de 2x est égale à celle de x), et un spectre entièrement nul devient plat. Aucun pixel ne donne NaN.&lt;/p&gt;&lt;p&gt;&lt;b&gt;relative&lt;/b&gt; (pysptools, tutoriels NEON) : le cube et la bibliothèque sont d'abord remis à l'échelle 0-1, chacun par ses propres minimum et maximum globaux, comme le fait la fonction SID de pysptools, puis p = x / sum(x) + 2.2e-16 (le plancher de pysptools, np.spacing(1)). Un seuil est une fraction de l'étendue des divergences : une valeur t donne la limite min + (max - min) * t sur toutes les classes réunies ; une liste donne à chaque classe sa propre limite, tirée de l'étendue de ses propres divergences (et, comme dans pysptools, les divergences supérieures ou égales à 10 ne sont alors jamais classées). Un pixel est classé quand sa divergence est inférieure à la limite.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Exemple du tutoriel&lt;/b&gt; : le tutoriel NEON sur les endmembers exécute SID(data, U[[0,2,3]], [0.8, 0.3, 0.03]) sur quatre endmembers N-FINDR. Ici : ENDMEMBERS = le CSV N-FINDR, SELECT = 1,3,4, THRESHOLD = 0.8,0.3,0.03, THRESHOLD_MODE = relative ; la carte des classes est identique pixel pour pixel à celle de pysptools (aux arrondis float32 près, pour les divergences situées à moins d'environ 1e-6 d'une limite).&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sid.py" line="33" />
      <source>Chang, C.-I. (2000). An information-theoretic approach to spectral variability, similarity, and discrimination for hyperspectral image analysis. IEEE Transactions on Information Theory 46(5), 1927-1932. pysptools 0.15 classification.SID. NEON Data Skills tutorial 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</source>
      <translation>Chang, C.-I. (2000). An information-theoretic approach to spectral variability, similarity, and discrimination for hyperspectral image analysis. IEEE Transactions on Information Theory 46(5), 1927-1932. pysptools 0.15 classification.SID. Tutoriel NEON Data Skills 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sid.py" line="44" />
      <source>Empty: no threshold, every valid pixel is classified. One value for all classes, or one value per selected class separated by commas, in the order of the classes. absolute mode: the maximum divergence (e.g. 0.05). relative mode: a fraction (0-1) of the divergences' range, e.g. the tutorial's 0.8,0.3,0.03. A list of the wrong length is an error.</source>
      <translation>Vide : pas de seuil, chaque pixel valide est classé. Une valeur pour toutes les classes, ou une valeur par classe sélectionnée, séparées par des virgules, dans l'ordre des classes. Mode absolute : la divergence maximale (p. ex. 0.05). Mode relative : une fraction (0-1) de l'étendue des divergences, p. ex. les valeurs 0.8,0.3,0.03 du tutoriel. Une liste de longueur incorrecte provoque une erreur.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sid.py" line="41" />
      <source>SID classes</source>
      <translation>Classes SID</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/sid.py" line="41" />
      <source>SID rule (divergences)</source>
      <translation>Règles SID (divergences)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="35" />
      <source>Whole site: one model across tiles</source>
      <translation>Site entier : un seul modèle pour toutes les dalles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="36" />
      <source>Site</source>
      <translation>Site</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="40" />
      <source>&lt;p&gt;Runs a NEON tutorial chain over a whole site (100 to 300 tiles of 1 km&amp;#178;) with &lt;b&gt;one&lt;/b&gt; model, so that the same material gets the same class in every tile and the site maps as one layer (per-tile runs, as in &lt;code&gt;make batch&lt;/code&gt;, give each tile its own clusters and endmembers).&lt;/p&gt;&lt;p&gt;1. &lt;b&gt;Sample&lt;/b&gt;: every valid pixel of every tile is kept with the same probability, so each tile contributes in proportion to its valid pixels; the candidates are thinned to SAMPLE_SIZE pixels with SEED (fewer when more than a third of the site is no-data). 2. &lt;b&gt;Fit&lt;/b&gt; on that sample: CHAIN &lt;i&gt;kmeans&lt;/i&gt; cleans with the k-means tutorial's recipe (174 bands), keeps VARIANCE_FRACTION of the variance in principal components and fits CLUSTERS k-means clusters on them; CHAIN &lt;i&gt;unmixing&lt;/i&gt; cleans with the endmember tutorial's recipe (362 bands), finds ENDMEMBERS_COUNT N-FINDR endmembers (ATGP start), and classifies with SID on SID_SELECT with the relative SID_THRESHOLDS, measured on the score range of every pixel of the site (one extra pass). 3. &lt;b&gt;Apply&lt;/b&gt; to every tile: one subfolder per tile in OUTPUT_FOLDER with its rasters. 4. &lt;b&gt;Mosaic&lt;/b&gt;: one VRT per product with the band names, class names and colours, and a style. A report (report.md, report.json) gives per tile the status, pixels and time, and per class its site-wide share.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Resumable&lt;/b&gt;: run it again with the same parameters and the model is reused and complete tiles are skipped; an interrupted or cancelled run keeps its complete tiles and leaves nothing half-written (a tile's folder appears only when all of it is written). A tile that cannot be read is reported with the reason and the others go on; the run then fails naming it (unless ALLOW_FAILED_TILES).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Parallel&lt;/b&gt;: with Dask installed (&lt;code&gt;dask[array]&lt;/code&gt; and &lt;code&gt;distributed&lt;/code&gt;), WORKERS worker processes on this computer, or the cluster of a running Dask scheduler (SCHEDULER, &lt;code&gt;tcp://host:8786&lt;/code&gt;; its workers need the same versions and &lt;code&gt;hyspec_qgis.core&lt;/code&gt; importable, and the same paths to the tiles and OUTPUT_FOLDER). Without Dask, or with WORKERS 0, the tiles run one after another in QGIS. Inside QGIS the worker processes are started with the Python interpreter QGIS embeds (HYSPEC_PYTHON overrides it). The same job without QGIS: &lt;code&gt;python -m hyspec_qgis.site&lt;/code&gt;.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Exécute une chaîne de traitement d'un tutoriel NEON sur un site entier (100 à 300 dalles de 1 km&amp;#178;) avec &lt;b&gt;un seul&lt;/b&gt; modèle, de sorte que le même matériau reçoive la même classe dans toutes les dalles et que le site se cartographie en une seule couche (les exécutions dalle par dalle, comme avec &lt;code&gt;make batch&lt;/code&gt;, donnent à chaque dalle ses propres classes et ses propres endmembers).&lt;/p&gt;&lt;p&gt;1. &lt;b&gt;Échantillon&lt;/b&gt; : chaque pixel valide de chaque dalle est retenu avec la même probabilité, si bien que chaque dalle contribue en proportion de ses pixels valides ; les candidats sont ramenés à SAMPLE_SIZE pixels avec SEED (moins quand plus d'un tiers du site est sans donnée). 2. &lt;b&gt;Ajustement&lt;/b&gt; sur cet échantillon : la CHAIN &lt;i&gt;kmeans&lt;/i&gt; nettoie selon la recette du tutoriel k-means (174 bandes), conserve VARIANCE_FRACTION de la variance en composantes principales et y ajuste CLUSTERS classes k-means ; la CHAIN &lt;i&gt;unmixing&lt;/i&gt; nettoie selon la recette du tutoriel sur les endmembers (362 bandes), trouve ENDMEMBERS_COUNT endmembers N-FINDR (initialisation ATGP) et classe avec SID sur SID_SELECT, avec les seuils relatifs SID_THRESHOLDS mesurés sur l'étendue des scores de tous les pixels du site (une lecture supplémentaire). 3. &lt;b&gt;Application&lt;/b&gt; à chaque dalle : un sous-dossier par dalle dans OUTPUT_FOLDER, avec ses rasters. 4. &lt;b&gt;Mosaïque&lt;/b&gt; : un VRT par produit avec les noms des bandes, les noms et les couleurs des classes, et un style. Un rapport (report.md, report.json) donne pour chaque dalle l'état, les pixels et la durée, et pour chaque classe sa part sur l'ensemble du site.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Reprise possible&lt;/b&gt; : relancez avec les mêmes paramètres : le modèle est réutilisé et les dalles terminées sont ignorées ; une exécution interrompue ou annulée conserve ses dalles terminées et ne laisse rien d'écrit à moitié (le dossier d'une dalle n'apparaît qu'une fois entièrement écrit). Une dalle illisible est signalée avec la raison, et les autres continuent ; l'exécution échoue ensuite en la nommant (sauf avec ALLOW_FAILED_TILES).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Parallélisme&lt;/b&gt; : avec Dask installé (&lt;code&gt;dask[array]&lt;/code&gt; et &lt;code&gt;distributed&lt;/code&gt;), WORKERS processus de calcul sur cet ordinateur, ou le cluster d'un ordonnanceur Dask en cours d'exécution (SCHEDULER, &lt;code&gt;tcp://host:8786&lt;/code&gt; ; ses workers doivent avoir les mêmes versions, pouvoir importer &lt;code&gt;hyspec_qgis.core&lt;/code&gt; et accéder aux dalles et à OUTPUT_FOLDER par les mêmes chemins). Sans Dask, ou avec WORKERS à 0, les dalles sont traitées l'une après l'autre dans QGIS. Dans QGIS, les processus de calcul sont lancés avec l'interpréteur Python intégré à QGIS (HYSPEC_PYTHON permet d'en imposer un autre). Le même traitement sans QGIS : &lt;code&gt;python -m hyspec_qgis.site&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="68" />
      <source>NEON Data Skills: 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA' and 'Unsupervised Spectral Classification in Python: Endmember Extraction'. Dask Development Team (2016), Dask: library for dynamic task scheduling.</source>
      <translation>NEON Data Skills : 'Unsupervised Spectral Classification in Python: KMeans &amp;amp; PCA' et 'Unsupervised Spectral Classification in Python: Endmember Extraction'. Dask Development Team (2016), Dask: library for dynamic task scheduling.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="85" />
      <source>NEON reflectance .h5 tiles, or rasters already imported with hyspec:importneon; a folder stands for its .h5 files. From qgis_process repeat the parameter: INPUTS=a.h5 INPUTS=b.h5.</source>
      <translation>Dalles de réflectance NEON .h5, ou rasters déjà importés avec hyspec:importneon ; un dossier vaut pour ses fichiers .h5. Depuis qgis_process, répétez le paramètre : INPUTS=a.h5 INPUTS=b.h5.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="88" />
      <source>kmeans: clean (k-means recipe) -&gt; PCA -&gt; k-means. unmixing: clean (endmember recipe) -&gt; N-FINDR -&gt; FCLS abundances -&gt; SID classes. The shipped tutorial models, with one site model.</source>
      <translation>kmeans : nettoyage (recette k-means) -&gt; ACP -&gt; k-means. unmixing : nettoyage (recette endmembers) -&gt; N-FINDR -&gt; abondances FCLS -&gt; classes SID. Les modèles des tutoriels fournis avec le plugin, avec un seul modèle pour le site.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="91" />
      <source>Number of k-means clusters (the kmeans chain).</source>
      <translation>Nombre de classes k-means (chaîne kmeans).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="94" />
      <source>Most k-means iterations on the site sample: the fit stops earlier when it converges (an iteration in which no pixel changes cluster), else after this many iterations.</source>
      <translation>Nombre maximal d'itérations k-means sur l'échantillon du site : l'ajustement s'arrête plus tôt s'il converge (une itération où aucun pixel ne change de classe), sinon après ce nombre d'itérations.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="99" />
      <source>The fewest leading principal components that hold this fraction of the variance of the sample are kept, and k-means runs on them.</source>
      <translation>Le plus petit nombre de premières composantes principales qui contiennent cette fraction de la variance de l'échantillon est conservé, et k-means est exécuté sur ces composantes.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="103" />
      <source>Number of N-FINDR endmembers found in the site sample (the unmixing chain).</source>
      <translation>Nombre d'endmembers N-FINDR recherchés dans l'échantillon du site (chaîne unmixing).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="106" />
      <source>Endmember numbers (1-based) or names, comma separated, that SID classifies; the tutorial uses 1,3,4.</source>
      <translation>Numéros (à partir de 1) ou noms des endmembers, séparés par des virgules, que SID prend comme classes ; le tutoriel utilise 1,3,4.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="110" />
      <source>One value, or one per selected endmember: fractions (0-1) of the range of the SID scores over every pixel of the site, as pysptools (the tutorial: 0.8,0.3,0.03). Empty: no threshold.</source>
      <translation>Une valeur, ou une par endmember sélectionné : fractions (0-1) de l'étendue des scores SID sur tous les pixels du site, comme dans pysptools (le tutoriel : 0.8,0.3,0.03). Vide : pas de seuil.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="114" />
      <source>Pixels the site model is fitted on, drawn from every tile in proportion to its valid pixels.</source>
      <translation>Nombre de pixels sur lesquels le modèle du site est ajusté, tirés de chaque dalle en proportion de ses pixels valides.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="116" />
      <source>Seed of the sample and of the fit: the same seed, tiles and parameters give the same model.</source>
      <translation>Graine de l'échantillon et de l'ajustement : la même graine, les mêmes dalles et les mêmes paramètres donnent le même modèle.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="119" />
      <source>Dask worker processes on this computer (each holds one tile at a time, about 1 GB for a full tile); 0 runs the tiles one after another inside QGIS. Ignored with SCHEDULER.</source>
      <translation>Processus de calcul (workers) Dask sur cet ordinateur (chacun traite une dalle à la fois, environ 1 Go pour une dalle complète) ; 0 traite les dalles l'une après l'autre dans QGIS. Ignoré avec SCHEDULER.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="123" />
      <source>A running Dask scheduler, e.g. tcp://10.0.0.5:8786: the tiles run on its workers, which must have the same dask/distributed versions, hyspec_qgis.core importable and the same paths to the tiles and OUTPUT_FOLDER.</source>
      <translation>Un ordonnanceur (scheduler) Dask en cours d'exécution, p. ex. tcp://10.0.0.5:8786 : les dalles sont traitées par ses workers, qui doivent avoir les mêmes versions de dask/distributed, pouvoir importer hyspec_qgis.core et accéder aux dalles et à OUTPUT_FOLDER par les mêmes chemins.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="127" />
      <source>Off: a run with failed tiles ends with an error naming them (the complete tiles, mosaics and report are kept). On: it succeeds and TILES_FAILED counts them.</source>
      <translation>Désactivé : une exécution avec des dalles en échec se termine par une erreur qui les nomme (les dalles terminées, les mosaïques et le rapport sont conservés). Activé : elle réussit et TILES_FAILED les compte.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="130" />
      <source>One subfolder per tile with its rasters; the site model (site_model.json/.npz and spectra CSVs), the VRT mosaics with their styles and the report at the top. Run again into the same folder to resume.</source>
      <translation>Un sous-dossier par dalle avec ses rasters ; le modèle du site (site_model.json/.npz et CSV de spectres), les mosaïques VRT avec leurs styles et le rapport à la racine. Relancez dans le même dossier pour reprendre.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="84" />
      <source>Tiles</source>
      <translation>Dalles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="87" />
      <source>Chain</source>
      <translation>Chaîne de traitement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="90" />
      <source>Clusters (kmeans)</source>
      <translation>Classes (kmeans)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="92" />
      <source>Maximum k-means iterations</source>
      <translation>Nombre maximal d'itérations k-means</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="97" />
      <source>PCA variance fraction (kmeans)</source>
      <translation>Fraction de variance de l'ACP (kmeans)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="101" />
      <source>Endmembers (unmixing)</source>
      <translation>Endmembers (unmixing)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="104" />
      <source>SID: endmembers to classify (unmixing)</source>
      <translation>SID : endmembers à classer (unmixing)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="108" />
      <source>SID: relative thresholds (unmixing)</source>
      <translation>SID : seuils relatifs (unmixing)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="112" />
      <source>Site sample size (pixels)</source>
      <translation>Taille de l'échantillon du site (pixels)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="117" />
      <source>Local workers</source>
      <translation>Workers locaux</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="121" />
      <source>Dask scheduler address</source>
      <translation>Adresse de l'ordonnanceur Dask</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="126" />
      <source>Succeed when some tiles fail</source>
      <translation>Réussir même si des dalles échouent</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="133" />
      <source>Site mosaic</source>
      <translation>Mosaïque du site</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="134" />
      <source>Site model</source>
      <translation>Modèle du site</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="135" />
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="136" />
      <source>Tiles complete</source>
      <translation>Dalles terminées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="137" />
      <source>Tiles failed</source>
      <translation>Dalles en échec</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="180" />
      <source>{0} of {1} tile(s) failed: {2}. The {3} complete tile(s), the mosaics and the report are in {4}; fix or remove the failed tiles and run again (complete tiles are skipped).</source>
      <translation>{0} dalle(s) sur {1} en échec : {2}. Les dalles terminées ({3}), les mosaïques et le rapport se trouvent dans {4} ; corrigez ou retirez les dalles en échec, puis relancez (les dalles terminées sont ignorées).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="204" />
      <source>site mosaic: {0} {1} ({2} tiles)</source>
      <translation>mosaïque du site : {0} {1} ({2} dalles)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="173" />
      <source>Cancelled by the user. The tiles already complete are kept in {0}; run again to resume.</source>
      <translation>Annulé par l'utilisateur. Les dalles déjà terminées sont conservées dans {0} ; relancez pour reprendre.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/site.py" line="158" />
      <source>Dask is not installed, so the tiles run one after another in QGIS.</source>
      <translation>Dask n'est pas installé : les dalles sont traitées l'une après l'autre dans QGIS.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/styling.py" line="161" />
      <source>Style: 2-98 % stretch of band(s) {0} from the histograms stored in the file</source>
      <translation>Style : étirement 2-98 % de la ou des bandes {0}, d'après les histogrammes enregistrés dans le fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/styling.py" line="163" />
      <source>Style: 2-98 % stretch of band(s) {0} computed by QGIS (the file stores no histogram); this reads those bands once</source>
      <translation>Style : étirement 2-98 % de la ou des bandes {0}, calculé par QGIS (le fichier ne contient pas d'histogramme) ; ces bandes sont lues une fois pour cela</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="34" />
      <source>Train autoencoder (learned spectral features)</source>
      <translation>Entraîner un autoencodeur (caractéristiques spectrales apprises)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="38" />
      <source>&lt;p&gt;Learns a compact representation of the spectra (LATENT_SIZE features per pixel) with an autoencoder: a neural network trained to reconstruct each spectrum through a narrow middle layer, as in the deephyp toolbox (Windrim et al. 2019). Apply the MODEL to this or another raster with &lt;i&gt;Encode with autoencoder&lt;/i&gt;; the latent raster chains into &lt;i&gt;K-means clustering&lt;/i&gt; (the paper's clustering use).&lt;/p&gt;&lt;p&gt;Training reads only a sample: SAMPLE_SIZE valid pixels drawn at random with SEED. The spectra are pre-processed (default: deephyp's per-spectrum minmax, which divides out most of a pixel's brightness), then the network is trained with Adam on shuffled batches of BATCH_SIZE spectra for EPOCHS passes over the sample. The log shows the training and validation loss of every epoch, and the run can be cancelled between batches.&lt;/p&gt;&lt;p&gt;Validation pixels are held out spatially: the raster is cut into square cells (32 x 32 px on a full tile, smaller on small rasters) and a seeded VALIDATION_FRACTION of the cells is kept out of training; their loss is the validation_loss column of LOSS_LOG. A cell hold-out is used because neighbouring pixels are near-copies of each other: a random pixel hold-out would hardly differ from the training loss.&lt;/p&gt;&lt;p&gt;Architectures (deephyp's): &lt;b&gt;mlp&lt;/b&gt; dense layers HIDDEN_LAYERS (default 50,30), then the latent layer, mirrored in the decoder, relu activations and a linear output (sigmoid with the SID loss); &lt;b&gt;cnn&lt;/b&gt; three 1-D convolutions (10 filters each, sizes 20, 10, 10) and a dense layer to the latent features, mirrored with transposed convolutions (needs at least 38 bands; about 40 times the arithmetic of the mlp). Unlike deephyp, the latent layer itself is linear (with relu, half of the latent features were measured to stay at 0).&lt;/p&gt;&lt;p&gt;Losses (as deephyp defines them, averaged over the batch): &lt;b&gt;SSE&lt;/b&gt; sum of squared errors; &lt;b&gt;CSA&lt;/b&gt; 1 - cosine of the spectral angle (default, deephyp's default); &lt;b&gt;SA&lt;/b&gt; the spectral angle itself (its gradient grows without bound for small angles, so it learns slowly on many bands); &lt;b&gt;SID&lt;/b&gt; spectral information divergence (symmetric Kullback-Leibler divergence of the sum-normalised spectra; it needs positive outputs, hence the sigmoid output layer).&lt;/p&gt;&lt;p&gt;The MODEL file holds the weights as plain arrays and a JSON description (architecture, bands and wavelengths, pre-processing, training parameters); loading it runs no code. It is applied only to rasters with the same bands. The same SEED on the same machine gives the same model.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Apprend une représentation compacte des spectres (LATENT_SIZE caractéristiques par pixel) avec un autoencodeur : un réseau de neurones entraîné à reconstruire chaque spectre en le faisant passer par une couche intermédiaire étroite, comme dans la boîte à outils deephyp (Windrim et al. 2019). Appliquez le MODEL à ce raster ou à un autre avec &lt;i&gt;Encoder avec un autoencodeur&lt;/i&gt; ; le raster latent s'enchaîne avec la &lt;i&gt;Classification k-means&lt;/i&gt; (l'usage en classification non supervisée de l'article).&lt;/p&gt;&lt;p&gt;L'entraînement ne lit qu'un échantillon : SAMPLE_SIZE pixels valides tirés au hasard avec SEED. Les spectres sont prétraités (par défaut : le minmax par spectre de deephyp, qui élimine l'essentiel de la luminosité d'un pixel), puis le réseau est entraîné avec Adam sur des lots mélangés de BATCH_SIZE spectres, pendant EPOCHS passes sur l'échantillon. Le journal indique la perte d'entraînement et la perte de validation de chaque époque, et l'exécution peut être annulée entre deux lots.&lt;/p&gt;&lt;p&gt;Les pixels de validation sont mis de côté selon leur position : le raster est découpé en cellules carrées (32 x 32 px sur une dalle complète, moins sur les petits rasters) et une fraction VALIDATION_FRACTION des cellules, tirée avec la graine, est exclue de l'entraînement ; leur perte est la colonne validation_loss de LOSS_LOG. On met de côté des cellules parce que des pixels voisins sont presque des copies les uns des autres : avec des pixels de validation tirés au hasard, la perte de validation différerait à peine de la perte d'entraînement.&lt;/p&gt;&lt;p&gt;Architectures (celles de deephyp) : &lt;b&gt;mlp&lt;/b&gt; couches denses HIDDEN_LAYERS (50,30 par défaut), puis la couche latente, le tout en miroir dans le décodeur, activations relu et sortie linéaire (sigmoïde avec la perte SID) ; &lt;b&gt;cnn&lt;/b&gt; trois convolutions 1-D (10 filtres chacune, de tailles 20, 10, 10) et une couche dense vers les caractéristiques latentes, en miroir avec des convolutions transposées (au moins 38 bandes ; environ 40 fois les calculs du mlp). Contrairement à deephyp, la couche latente elle-même est linéaire (avec relu, la moitié des caractéristiques latentes restaient à 0 dans nos mesures).&lt;/p&gt;&lt;p&gt;Fonctions de perte (telles que deephyp les définit, moyennées sur le lot) : &lt;b&gt;SSE&lt;/b&gt; somme des carrés des erreurs ; &lt;b&gt;CSA&lt;/b&gt; 1 - cosinus de l'angle spectral (par défaut, comme dans deephyp) ; &lt;b&gt;SA&lt;/b&gt; l'angle spectral lui-même (son gradient croît sans limite pour les petits angles : l'apprentissage est donc lent sur de nombreuses bandes) ; &lt;b&gt;SID&lt;/b&gt; divergence d'information spectrale (divergence de Kullback-Leibler symétrique des spectres normalisés par leur somme ; elle exige des sorties positives, d'où la couche de sortie sigmoïde).&lt;/p&gt;&lt;p&gt;Le fichier MODEL contient les poids sous forme de simples tableaux et une description JSON (architecture, bandes et longueurs d'onde, prétraitement, paramètres d'entraînement) ; son chargement n'exécute aucun code. Il ne s'applique qu'aux rasters ayant les mêmes bandes. La même SEED sur la même machine donne le même modèle.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="67" />
      <source>Windrim, L., Ramakrishnan, R., Melkumyan, A., Murphy, R. J., Chlingaryan, A. (2019). Unsupervised feature-learning for hyperspectral data with autoencoders. Remote Sensing 11(7), 864. Windrim, L., Melkumyan, A., Murphy, R., Chlingaryan, A., Nieto, J. (2016). Unsupervised feature learning for illumination robustness. IEEE ICIP (cosine spectral angle loss). deephyp: https://github.com/lloydwindrim/hyperspectral-autoencoders</source>
      <translation>Windrim, L., Ramakrishnan, R., Melkumyan, A., Murphy, R. J., Chlingaryan, A. (2019). Unsupervised feature-learning for hyperspectral data with autoencoders. Remote Sensing 11(7), 864. Windrim, L., Melkumyan, A., Murphy, R., Chlingaryan, A., Nieto, J. (2016). Unsupervised feature learning for illumination robustness. IEEE ICIP (perte fondée sur le cosinus de l'angle spectral). deephyp : https://github.com/lloydwindrim/hyperspectral-autoencoders</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="85" />
      <source>Any GDAL raster file, usually a cleaned reflectance cube (hyspec:cleanbands). A pixel that is no-data or NaN in any band is never sampled.</source>
      <translation>N'importe quel fichier raster GDAL, généralement un cube de réflectance nettoyé (hyspec:cleanbands). Un pixel sans donnée ou NaN dans une bande quelconque n'est jamais échantillonné.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="88" />
      <source>mlp (dense layers, fast) or cnn (1-D convolutions along the spectrum, about 40 times slower to train and apply).</source>
      <translation>mlp (couches denses, rapide) ou cnn (convolutions 1-D le long du spectre, environ 40 fois plus lent à entraîner et à appliquer).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="91" />
      <source>Units of the encoder's hidden layers, comma-separated, from the input side (deephyp: 50,30); the decoder mirrors them. Empty: the latent layer follows the input directly. Ignored by cnn.</source>
      <translation>Nombres d'unités des couches cachées de l'encodeur, séparés par des virgules, en partant de l'entrée (deephyp : 50,30) ; le décodeur les reprend en miroir. Vide : la couche latente suit directement l'entrée. Ignoré par cnn.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="95" />
      <source>Number of learned features per pixel: the bands of the latent raster (deephyp: 10).</source>
      <translation>Nombre de caractéristiques apprises par pixel : les bandes du raster latent (deephyp : 10).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="96" />
      <source>Loss</source>
      <translation>Fonction de perte</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="98" />
      <source>Reconstruction loss: SSE, SA, SID or CSA (default; see above).</source>
      <translation>Fonction de perte de reconstruction : SSE, SA, SID ou CSA (par défaut ; voir plus haut).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="101" />
      <source>Passes over the training sample (deephyp: 100).</source>
      <translation>Nombre de passes sur l'échantillon d'entraînement (deephyp : 100).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="104" />
      <source>Spectra per weight update (deephyp: 1000).</source>
      <translation>Nombre de spectres par mise à jour des poids (deephyp : 1000).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="108" />
      <source>Adam's step size (deephyp: 0.001). Lower it if the log reports that training diverged.</source>
      <translation>Pas d'apprentissage d'Adam (deephyp : 0.001). Réduisez-le si le journal indique que l'entraînement a divergé.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="111" />
      <source>How many valid pixels to train on (training and validation together), drawn at random with SEED in one pass over the raster. Memory: 4 bytes per band per pixel (200000 x 360 bands: 290 MB).</source>
      <translation>Nombre de pixels valides utilisés pour l'entraînement (entraînement et validation réunis), tirés au hasard avec SEED en une seule lecture du raster. Mémoire : 4 octets par bande et par pixel (200000 x 360 bandes : 290 Mo).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="118" />
      <source>Share of the raster's cells (square blocks of pixels) whose sampled pixels are held out to compute the validation loss; 0 = no validation.</source>
      <translation>Part des cellules du raster (blocs carrés de pixels) dont les pixels échantillonnés sont mis de côté pour calculer la perte de validation ; 0 = pas de validation.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="122" />
      <source>Seed of the sample, the hold-out cells, the initial weights and the batch order.</source>
      <translation>Graine de l'échantillon, des cellules de validation, des poids initiaux et de l'ordre des lots.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="124" />
      <source>minmax (deephyp's, default): each spectrum minus its minimum (less 0.001), divided by its maximum; none: the values as they are. Stored in the model and applied again by encode.</source>
      <translation>minmax (celui de deephyp, par défaut) : chaque spectre moins son minimum (diminué de 0.001), divisé par son maximum ; none : les valeurs telles quelles. Enregistré dans le modèle et appliqué de nouveau par encode.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="128" />
      <source>The trained autoencoder: a zip (.npz) of weight arrays and a JSON description (model.json). Input of hyspec:encode.</source>
      <translation>L'autoencodeur entraîné : une archive zip (.npz) de tableaux de poids et une description JSON (model.json). Entrée de hyspec:encode.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="133" />
      <source>One row per epoch: epoch,train_loss,validation_loss (mean loss per spectrum; validation empty when VALIDATION_FRACTION is 0).</source>
      <translation>Une ligne par époque : epoch,train_loss,validation_loss (perte moyenne par spectre ; validation vide quand VALIDATION_FRACTION vaut 0).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="137" />
      <source>Optional: the latent raster of INPUT, the same as hyspec:encode with MODEL (float32, one band per latent feature, -9999 = no-data).</source>
      <translation>Optionnel : le raster latent d'INPUT, identique à celui que produit hyspec:encode avec MODEL (float32, une bande par caractéristique latente, -9999 = sans donnée).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="87" />
      <source>Architecture</source>
      <translation>Architecture</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="90" />
      <source>Hidden layers (mlp)</source>
      <translation>Couches cachées (mlp)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="99" />
      <source>Epochs</source>
      <translation>Époques</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="102" />
      <source>Batch size</source>
      <translation>Taille des lots</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="105" />
      <source>Learning rate (Adam)</source>
      <translation>Taux d'apprentissage (Adam)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="109" />
      <source>Sample size (valid pixels, 0 = all)</source>
      <translation>Taille de l'échantillon (pixels valides, 0 = tous)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="114" />
      <source>Validation fraction</source>
      <translation>Fraction de validation</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="123" />
      <source>Pre-processing</source>
      <translation>Prétraitement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="127" />
      <source>Model</source>
      <translation>Modèle</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="130" />
      <source>Loss log (CSV)</source>
      <translation>Historique des pertes (CSV)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="139" />
      <source>Final training loss</source>
      <translation>Perte d'entraînement finale</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainautoencoder.py" line="140" />
      <source>Final validation loss</source>
      <translation>Perte de validation finale</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="35" />
      <source>Train classifier (CNN or random forest)</source>
      <translation>Entraîner un classifieur (CNN ou forêt aléatoire)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="39" />
      <source>&lt;p&gt;Trains a supervised classifier of the spectra from training areas you digitised: polygons (or points, or lines) in TRAINING whose CLASS_FIELD holds the class (names or numbers). Apply the MODEL with &lt;i&gt;Predict with classifier&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;The features are reprojected to the raster's CRS and rasterised onto its grid: a pixel belongs to a polygon when its centre is inside (a feature too small to contain a pixel centre takes the pixels it touches; a point takes its pixel). Pixels covered by two features, and no-data pixels, are left out.&lt;/p&gt;&lt;p&gt;Validation is held out &lt;b&gt;by feature, never by pixel&lt;/b&gt;: for each class, a seeded VALIDATION_FRACTION of its features (rounded; at least one feature of every class stays in training) is kept out of the fit, and the REPORT assesses the model on their pixels only: confusion matrix, overall accuracy, Cohen's kappa, per-class precision, recall and F1, and for the CNN the training curve. Pixels of one polygon are near-copies of each other, so a pixel-level split would put neighbours on both sides and overstate the accuracy. Classes with a single feature cannot be validated; the report says so.&lt;/p&gt;&lt;p&gt;Methods: &lt;b&gt;cnn&lt;/b&gt; is deephyp's 1-D convolutional network (three convolutions of 10 filters of sizes 20, 10, 10 along the spectrum, dense layers of 20 and 20, a softmax over the classes; at least 38 bands), trained with Adam on deephyp's class-balanced cross-entropy (in every batch each class weighs as much as the largest), EPOCHS, BATCH_SIZE, LEARNING_RATE; needs PyTorch. &lt;b&gt;random_forest&lt;/b&gt; is scikit-learn's random forest of TREES trees with balanced class weights. Both fit on at most MAX_PIXELS_PER_CLASS training pixels per class (drawn with SEED; deephyp's examples use 50), after the pre-processing (default: deephyp's per-spectrum minmax).&lt;/p&gt;&lt;p&gt;The MODEL file holds the weights (or the trees' arrays) and a JSON description (bands and wavelengths, pre-processing, class names and colours, training parameters and validation accuracy); loading it runs no code. It is applied only to rasters with the same bands.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Entraîne un classifieur supervisé des spectres à partir de zones d'entraînement que vous avez numérisées : des polygones (ou des points, ou des lignes) de TRAINING dont le champ CLASS_FIELD contient la classe (noms ou numéros). Appliquez le MODEL avec &lt;i&gt;Prédire avec un classifieur&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Les entités sont reprojetées dans le SCR du raster et rastérisées sur sa grille : un pixel appartient à un polygone quand son centre est à l'intérieur (une entité trop petite pour contenir un centre de pixel prend les pixels qu'elle touche ; un point prend son pixel). Les pixels couverts par deux entités, ainsi que les pixels sans donnée, sont exclus.&lt;/p&gt;&lt;p&gt;La validation est mise de côté &lt;b&gt;par entité, jamais par pixel&lt;/b&gt; : pour chaque classe, une fraction VALIDATION_FRACTION de ses entités, tirée avec la graine (arrondie ; au moins une entité de chaque classe reste dans l'entraînement), est exclue de l'ajustement, et le REPORT évalue le modèle sur leurs seuls pixels : matrice de confusion, exactitude globale, kappa de Cohen, précision, rappel et F1 par classe et, pour le CNN, la courbe d'entraînement. Les pixels d'un même polygone sont presque des copies les uns des autres : une séparation au niveau des pixels mettrait des voisins des deux côtés et surestimerait l'exactitude. Les classes qui n'ont qu'une seule entité ne peuvent pas être validées ; le rapport le signale.&lt;/p&gt;&lt;p&gt;Méthodes : &lt;b&gt;cnn&lt;/b&gt; est le réseau convolutif 1-D de deephyp (trois convolutions de 10 filtres de tailles 20, 10, 10 le long du spectre, des couches denses de 20 et 20, un softmax sur les classes ; au moins 38 bandes), entraîné avec Adam sur l'entropie croisée équilibrée par classe de deephyp (dans chaque lot, chaque classe pèse autant que la plus grande), EPOCHS, BATCH_SIZE, LEARNING_RATE ; nécessite PyTorch. &lt;b&gt;random_forest&lt;/b&gt; est la forêt aléatoire de scikit-learn, à TREES arbres, avec des poids de classes équilibrés. Les deux s'ajustent sur au plus MAX_PIXELS_PER_CLASS pixels d'entraînement par classe (tirés avec SEED ; les exemples de deephyp en utilisent 50), après le prétraitement (par défaut : le minmax par spectre de deephyp).&lt;/p&gt;&lt;p&gt;Le fichier MODEL contient les poids (ou les tableaux des arbres) et une description JSON (bandes et longueurs d'onde, prétraitement, noms et couleurs des classes, paramètres d'entraînement et exactitude de validation) ; son chargement n'exécute aucun code. Il ne s'applique qu'aux rasters ayant les mêmes bandes.&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="63" />
      <source>Windrim, L., Melkumyan, A., Murphy, R. J., Chlingaryan, A., Ramakrishnan, R. (2017). Hyperspectral CNN classification with limited training samples. BMVC. Breiman, L. (2001). Random forests. Machine Learning 45, 5-32. Congalton, R. G. (1991). A review of assessing the accuracy of classifications of remotely sensed data. Remote Sens. Environ. 37, 35-46.</source>
      <translation>Windrim, L., Melkumyan, A., Murphy, R. J., Chlingaryan, A., Ramakrishnan, R. (2017). Hyperspectral CNN classification with limited training samples. BMVC. Breiman, L. (2001). Random forests. Machine Learning 45, 5-32. Congalton, R. G. (1991). A review of assessing the accuracy of classifications of remotely sensed data. Remote Sens. Environ. 37, 35-46.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="79" />
      <source>Any GDAL raster file, usually a cleaned reflectance cube. Pixels that are no-data or NaN in any band are never used.</source>
      <translation>N'importe quel fichier raster GDAL, généralement un cube de réflectance nettoyé. Les pixels sans donnée ou NaN dans une bande quelconque ne sont jamais utilisés.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="85" />
      <source>Polygons (or points, or lines) over areas of known class, in any CRS (reprojected to the raster's). 'Selected features only' is honoured.</source>
      <translation>Polygones (ou points, ou lignes) couvrant des zones de classe connue, dans n'importe quel SCR (reprojetés dans celui du raster). L'option 'Entité(s) sélectionnée(s) uniquement' est respectée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="89" />
      <source>The field holding each feature's class: names (sorted alphabetically) or numbers (sorted numerically). The classes become 1..k in the class raster, with these names. Features without a value are left out.</source>
      <translation>Le champ qui contient la classe de chaque entité : des noms (triés par ordre alphabétique) ou des nombres (triés par ordre numérique). Les classes deviennent 1..k dans le raster de classes, avec ces noms. Les entités sans valeur sont exclues.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="93" />
      <source>cnn (deephyp's 1-D CNN, needs PyTorch) or random_forest (scikit-learn).</source>
      <translation>cnn (le CNN 1-D de deephyp, nécessite PyTorch) ou random_forest (scikit-learn).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="98" />
      <source>Share of each class's features held out for the REPORT (rounded; at least one feature per class stays in training). 0 = no validation.</source>
      <translation>Part des entités de chaque classe mise de côté pour le REPORT (arrondie ; au moins une entité par classe reste dans l'entraînement). 0 = pas de validation.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="102" />
      <source>Passes over the training pixels.</source>
      <translation>Nombre de passes sur les pixels d'entraînement.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="105" />
      <source>Pixels per weight update (deephyp's example: 50).</source>
      <translation>Nombre de pixels par mise à jour des poids (exemple de deephyp : 50).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="109" />
      <source>Adam's step size (deephyp: 0.001).</source>
      <translation>Pas d'apprentissage d'Adam (deephyp : 0.001).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="112" />
      <source>Number of trees of the forest.</source>
      <translation>Nombre d'arbres de la forêt.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="115" />
      <source>At most this many training pixels per class are used for the fit (drawn with SEED); 0 = all. Validation uses every pixel of the held-out features.</source>
      <translation>Au plus ce nombre de pixels d'entraînement par classe est utilisé pour l'ajustement (tirés avec SEED) ; 0 = tous. La validation utilise tous les pixels des entités mises de côté.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="118" />
      <source>minmax (deephyp's, default): each spectrum minus its minimum (less 0.001), divided by its maximum; none: the values as they are. Stored in the model.</source>
      <translation>minmax (celui de deephyp, par défaut) : chaque spectre moins son minimum (diminué de 0.001), divisé par son maximum ; none : les valeurs telles quelles. Enregistré dans le modèle.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="122" />
      <source>Seed of the validation split, the pixel draw, the initial weights and batch order (cnn) or the trees (random_forest).</source>
      <translation>Graine de la séparation de validation, du tirage des pixels, des poids initiaux et de l'ordre des lots (cnn) ou des arbres (random_forest).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="125" />
      <source>The trained classifier: a zip (.npz) of arrays and a JSON description (model.json). Input of hyspec:predictclassifier.</source>
      <translation>Le classifieur entraîné : une archive zip (.npz) de tableaux et une description JSON (model.json). Entrée de hyspec:predictclassifier.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="130" />
      <source>HTML page: training data per class, and on the held-out features the confusion matrix, overall accuracy, kappa, per-class precision/recall/F1; the CNN's training curve.</source>
      <translation>Page HTML : données d'entraînement par classe et, sur les entités mises de côté, matrice de confusion, exactitude globale, kappa, précision/rappel/F1 par classe ; la courbe d'entraînement du CNN.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="82" />
      <source>Training features</source>
      <translation>Entités d'entraînement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="87" />
      <source>Class field</source>
      <translation>Champ de classe</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="92" />
      <source>Method</source>
      <translation>Méthode</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="94" />
      <source>Validation fraction (of features)</source>
      <translation>Fraction de validation (des entités)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="100" />
      <source>Epochs (cnn)</source>
      <translation>Époques (cnn)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="103" />
      <source>Batch size (cnn)</source>
      <translation>Taille des lots (cnn)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="106" />
      <source>Learning rate (cnn, Adam)</source>
      <translation>Taux d'apprentissage (cnn, Adam)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="110" />
      <source>Trees (random_forest)</source>
      <translation>Arbres (random_forest)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="113" />
      <source>Training pixels per class (max)</source>
      <translation>Pixels d'entraînement par classe (max.)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="132" />
      <source>Overall accuracy (held-out features)</source>
      <translation>Exactitude globale (entités de validation)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="133" />
      <source>Kappa (held-out features)</source>
      <translation>Kappa (entités de validation)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="141" />
      <source>TRAINING: no vector layer given or it cannot be loaded</source>
      <translation>TRAINING : aucune couche vectorielle fournie, ou elle ne peut pas être chargée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/trainclassifier.py" line="143" />
      <source>CLASS_FIELD: the training layer has no field {0!r}</source>
      <translation>CLASS_FIELD : la couche d'entraînement n'a pas de champ {0!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="21" />
      <source>Spectral unmixing (FCLS / NNLS / UCLS)</source>
      <translation>Démélange spectral (FCLS / NNLS / UCLS)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="24" />
      <source>&lt;p&gt;Models every pixel as a mix of the endmember spectra and writes one abundance band per endmember, named after it (styled 0-1). The endmember CSV (&lt;code&gt;band,wavelength_nm,name1,...&lt;/code&gt;) can come from &lt;i&gt;Endmembers (N-FINDR)&lt;/i&gt;, from k-means CENTERS or from a spectral library; its rows are matched to the raster's bands by wavelength (within half a band), so a CSV covering more bands than a cleaned raster works, and a CSV that misses raster bands is refused with the wavelengths it lacks.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;FCLS&lt;/b&gt; (default, as the NEON tutorial): abundances non-negative and summing to one.&lt;/li&gt;&lt;li&gt;&lt;b&gt;NNLS&lt;/b&gt;: non-negative only.&lt;/li&gt;&lt;li&gt;&lt;b&gt;UCLS&lt;/b&gt;: unconstrained least squares.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;FCLS and NNLS are solved exactly (an active-set method run on whole blocks of pixels at once): the optimality (KKT) conditions hold to rounding, and the log reports how closely. pysptools' FCLS (cvxopt) stops short of this optimum, so its maps can differ by a few hundredths; pysptools' NNLS solves the non-negative fit of the normal equations (E&lt;sup&gt;T&lt;/sup&gt;E a = E&lt;sup&gt;T&lt;/sup&gt;x), which is the least-squares optimum only where no abundance is zero, so it differs where one is. The log and the output's metadata (MEAN_ABUNDANCE) give each endmember's mean abundance over the valid pixels, as the tutorial prints; no-data pixels stay no-data (-9999). The optional RMSE raster holds each pixel's reconstruction error sqrt(mean over bands of (x - E a)^2).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Modélise chaque pixel comme un mélange des spectres des pôles de mélange (endmembers) et écrit une bande d'abondance par endmember, qui porte son nom (symbologie 0-1). Le CSV des endmembers (&lt;code&gt;band,wavelength_nm,name1,...&lt;/code&gt;) peut provenir de l'&lt;i&gt;Extraction des endmembers (N-FINDR)&lt;/i&gt;, des CENTERS de k-means ou d'une bibliothèque spectrale ; ses lignes sont appariées aux bandes du raster par longueur d'onde (à une demi-bande près) : un CSV couvrant plus de bandes qu'un raster nettoyé convient donc, et un CSV auquel manquent des bandes du raster est refusé, avec la liste des longueurs d'onde manquantes.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;FCLS&lt;/b&gt; (par défaut, comme dans le tutoriel NEON) : abondances non négatives et de somme égale à un.&lt;/li&gt;&lt;li&gt;&lt;b&gt;NNLS&lt;/b&gt; : abondances non négatives seulement.&lt;/li&gt;&lt;li&gt;&lt;b&gt;UCLS&lt;/b&gt; : moindres carrés sans contrainte.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;FCLS et NNLS sont résolus exactement (méthode à ensemble actif appliquée à des blocs entiers de pixels à la fois) : les conditions d'optimalité (KKT) sont satisfaites aux arrondis près, et le journal indique avec quelle précision. Le FCLS de pysptools (cvxopt) s'arrête avant cet optimum, si bien que ses cartes peuvent différer de quelques centièmes ; le NNLS de pysptools résout l'ajustement non négatif des équations normales (E&lt;sup&gt;T&lt;/sup&gt;E a = E&lt;sup&gt;T&lt;/sup&gt;x), qui n'est l'optimum des moindres carrés que là où aucune abondance n'est nulle : il diffère donc là où l'une d'elles l'est. Le journal et les métadonnées de la sortie (MEAN_ABUNDANCE) donnent l'abondance moyenne de chaque endmember sur les pixels valides, comme l'affiche le tutoriel ; les pixels sans donnée restent sans donnée (-9999). Le raster RMSE optionnel contient l'erreur de reconstruction de chaque pixel, sqrt(moyenne sur les bandes de (x - E a)^2).&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="42" />
      <source>Heinz, D. C., Chang, C.-I. (2001). Fully constrained least squares linear spectral mixture analysis. IEEE TGRS 39(3), 529-545. Lawson, C. L., Hanson, R. J. (1974). Solving Least Squares Problems, ch. 23. Van Benthem, M. H., Keenan, M. R. (2004). Fast algorithm for the solution of large-scale non-negativity-constrained least squares problems. J. Chemometrics 18, 441-450. NEON Data Skills: 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</source>
      <translation>Heinz, D. C., Chang, C.-I. (2001). Fully constrained least squares linear spectral mixture analysis. IEEE TGRS 39(3), 529-545. Lawson, C. L., Hanson, R. J. (1974). Solving Least Squares Problems, chap. 23. Van Benthem, M. H., Keenan, M. R. (2004). Fast algorithm for the solution of large-scale non-negativity-constrained least squares problems. J. Chemometrics 18, 441-450. NEON Data Skills : 'Unsupervised Spectral Classification in Python: Endmember Extraction'.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="55" />
      <source>Any GDAL raster file with wavelengths (or with exactly the CSV's number of bands); pixels where any band is no-data or NaN are written as no-data.</source>
      <translation>N'importe quel fichier raster GDAL avec longueurs d'onde (ou avec exactement le nombre de bandes du CSV) ; les pixels dont une bande est sans donnée ou NaN sont écrits comme sans donnée.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="59" />
      <source>band,wavelength_nm,&lt;name1&gt;,&lt;name2&gt;,...: one row per band, one column per endmember (at most as many endmembers as bands). Rows are matched to the raster's bands by wavelength.</source>
      <translation>band,wavelength_nm,&lt;name1&gt;,&lt;name2&gt;,... : une ligne par bande, une colonne par endmember (au plus autant d'endmembers que de bandes). Les lignes sont appariées aux bandes du raster par longueur d'onde.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="62" />
      <source>FCLS: non-negative and sum to one (default). NNLS: non-negative. UCLS: unconstrained least squares.</source>
      <translation>FCLS : abondances non négatives et de somme égale à un (par défaut). NNLS : abondances non négatives. UCLS : moindres carrés sans contrainte.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="65" />
      <source>float32 GeoTIFF, one band per endmember named after it, no-data -9999.</source>
      <translation>GeoTIFF float32, une bande par endmember, qui porte son nom, no-data -9999.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="68" />
      <source>Optional float32 GeoTIFF: per-pixel root-mean-square difference between the pixel and its modelled spectrum, in reflectance units.</source>
      <translation>GeoTIFF float32 optionnel : écart quadratique moyen (RMSE), par pixel, entre le pixel et son spectre modélisé, en unités de réflectance.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="54" />
      <source>Input raster (reflectance)</source>
      <translation>Raster en entrée (réflectance)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="64" />
      <source>Abundances</source>
      <translation>Abondances</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="66" />
      <source>Reconstruction RMSE</source>
      <translation>RMSE de reconstruction</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="70" />
      <source>Mean abundance per endmember</source>
      <translation>Abondance moyenne par endmember</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="78" />
      <source>ENDMEMBERS: no endmember CSV given</source>
      <translation>ENDMEMBERS : aucun CSV d'endmembers fourni</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="94" />
      <source>{0} abundances ({1} endmembers)</source>
      <translation>abondances {0} ({1} endmembers)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="95" />
      <source>{0} unmixing RMSE</source>
      <translation>RMSE du démélange {0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="88" />
      <source>optimality check (normal equations, relative): {0:.1e}</source>
      <translation>contrôle d'optimalité (équations normales, relatif) : {0:.1e}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/algorithms/unmix.py" line="90" />
      <source>optimality check (KKT, relative): stationarity {0:.1e}, multiplier sign {1:.1e}, negativity {2:.1e}, sum-to-one {3:.1e}</source>
      <translation>contrôle d'optimalité (KKT, relatif) : stationnarité {0:.1e}, signe des multiplicateurs {1:.1e}, négativité {2:.1e}, somme à un {3:.1e}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/engine/seeds.py" line="25" />
      <source>{parameter}: must be 0 or a positive integer, got {seed!r}</source>
      <translation>{parameter} : doit être 0 ou un entier positif ; valeur reçue : {seed!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/engine/stats.py" line="69" />
      <source>{where} has {n} valid pixel(s); statistics need at least 2</source>
      <translation>{where} a {n} pixel(s) valide(s) ; les statistiques en demandent au moins 2</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/engine/stats.py" line="75" />
      <source>{where} has values too large for statistics (the mean or covariance of its valid pixels is infinite); check the file's scale factor and no-data value</source>
      <translation>{where} contient des valeurs trop grandes pour les statistiques (la moyenne ou la covariance de ses pixels valides est infinie) ; vérifiez le facteur d'échelle et la valeur sans donnée du fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="85" />
      <source>{where}: {name} has an impossible chunk layout {chunks} for shape {shape} (damaged file)</source>
      <translation>{where} : {name} a un découpage en blocs (chunks) impossible {chunks} pour la forme {shape} (fichier endommagé)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="96" />
      <source>{where}: {name} should hold one string, it has shape {shape} and type {dtype}</source>
      <translation>{where} : {name} devrait contenir une chaîne de caractères ; il a la forme {shape} et le type {dtype}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="20" />
      <source>expected one string, found an array of shape {shape}</source>
      <translation>une chaîne de caractères était attendue ; trouvé un tableau de forme {shape}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="35" />
      <source>{where}: {exc}</source>
      <translation>{where} : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="38" />
      <source>{where}: cannot read {what} (damaged file or unexpected layout: {error_type}: {exc})</source>
      <translation>{where} : impossible de lire {what} (fichier endommagé ou structure inattendue : {error_type} : {exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="42" />
      <source>{where}: reading {what} needs more memory than is available ({exc}): a damaged size in the file, or import a smaller EXTENT</source>
      <translation>{where} : la lecture de {what} demande plus de mémoire que disponible ({exc}) : une taille endommagée dans le fichier, ou importez une EXTENT plus petite</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="60" />
      <source>{where}: {group}/{name} is {kind}; links are refused because they can make the reader read another file</source>
      <translation>{where} : {group}/{name} est {kind} ; les liens sont refusés, car ils peuvent faire lire un autre fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="66" />
      <source>{where}: {name} keeps its data in external files ({external!r}...); HDF5 external storage is refused</source>
      <translation>{where} : {name} garde ses données dans des fichiers externes ({external!r}...) ; le stockage externe HDF5 est refusé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/h5_safe.py" line="70" />
      <source>{where}: {name} is a virtual dataset (its data live in other files); virtual datasets are refused</source>
      <translation>{where} : {name} est un jeu de données virtuel (ses données sont dans d'autres fichiers) ; les jeux de données virtuels sont refusés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/importer.py" line="42" />
      <source>EXTENT: the extent does not overlap the NEON file {path}</source>
      <translation>EXTENT : l'emprise ne recouvre pas le fichier NEON {path}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/importer.py" line="129" />
      <source>ENCODING: {encoding!r} is not one of {encodings}</source>
      <translation>ENCODING : {encoding!r} ne fait pas partie de {encodings}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/importer.py" line="134" />
      <source>{file}: site {site}, {product}, {cols} x {rows} pixels, {bands} bands, EPSG:{epsg}</source>
      <translation>{file} : site {site}, {product}, {cols} x {rows} pixels, {bands} bandes, EPSG:{epsg}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/importer.py" line="138" />
      <source>{file}: {note}</source>
      <translation>{file} : {note}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/importer.py" line="141" />
      <source>ANCILLARY: {path} has no ancillary layer {name!r}; it has {ancillary}</source>
      <translation>ANCILLARY : {path} n'a pas de couche auxiliaire {name!r} ; il a {ancillary}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mat73.py" line="144" />
      <source>{parameter}: {path} is an HDF5 file but not a MATLAB v7.3 file (no MATLAB header and no MATLAB_class attributes). For NEON reflectance files use hyspec:importneon.</source>
      <translation>{parameter} : {path} est un fichier HDF5, mais pas un fichier MATLAB v7.3 (ni en-tête MATLAB ni attributs MATLAB_class). Pour les fichiers de réflectance NEON, utilisez hyspec:importneon.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mat73.py" line="148" />
      <source>{parameter}: {path} is an HDF5 file with no MATLAB variables</source>
      <translation>{parameter} : {path} est un fichier HDF5 sans variable MATLAB</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mat73.py" line="45" />
      <source>variable {name!r}</source>
      <translation>la variable {name!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mat73.py" line="85" />
      <source>the HDF5 structure</source>
      <translation>la structure HDF5</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mat73.py" line="112" />
      <source>the list of variables</source>
      <translation>la liste des variables</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="197" />
      <source>VARIABLE: {path} has no 3-D numeric array, and no 2-D array matches ROWS x COLS; name the cube in VARIABLE{hint}. Its variables: {listing}</source>
      <translation>VARIABLE : {path} n'a aucun tableau numérique 3-D, et aucun tableau 2-D ne correspond à ROWS x COLS ; indiquez le cube dans VARIABLE{hint}. Ses variables : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="204" />
      <source>{name!r} ({dims}) in {path}</source>
      <translation>{name!r} ({dims}) dans {path}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="196" />
      <source> (for a 2-D pixels x bands array, set ROWS and COLS too)</source>
      <translation> (pour un tableau 2-D pixels x bandes, indiquez aussi ROWS et COLS)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="206" />
      <source>LAYOUT: {layout!r} is not one of {layouts}</source>
      <translation>LAYOUT : {layout!r} ne fait pas partie de {layouts}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="231" />
      <source>VARIABLE: {where} has {n_shape} dimensions; expected a 3-D cube or a 2-D pixels x bands array</source>
      <translation>VARIABLE : {where} a {n_shape} dimensions ; un cube 3-D ou un tableau 2-D pixels x bandes était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="234" />
      <source>LAYOUT: {layout} is for 3-D arrays, but {where} is 2-D (a pixel list): use {pixel_layouts} with ROWS and COLS</source>
      <translation>LAYOUT : {layout} est pour les tableaux 3-D, mais {where} est en 2-D (une liste de pixels) : utilisez {pixel_layouts} avec ROWS et COLS</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="246" />
      <source>ROWS/COLS: {where} is a 2-D pixel list; {given} matches neither dimension. Set ROWS and COLS so that ROWS x COLS is the number of pixels{square}</source>
      <translation>ROWS/COLS : {where} est une liste de pixels 2-D ; {given} ne correspond à aucune des deux dimensions. Choisissez ROWS et COLS de sorte que ROWS x COLS soit le nombre de pixels{square}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="264" />
      <source>EXTENT: ({xmin}, {ymin}, {xmax}, {ymax}) is empty; xmax must exceed xmin and ymax ymin</source>
      <translation>EXTENT : ({xmin}, {ymin}, {xmax}, {ymax}) est vide ; xmax doit dépasser xmin, et ymax ymin</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="301" />
      <source>SCALE: must be a positive number (values are divided by it), got {scale:g}</source>
      <translation>SCALE : doit être un nombre positif (les valeurs sont divisées par lui) ; valeur reçue : {scale:g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="303" />
      <source>CRS: a CRS without EXTENT would put the pixel grid at the CRS's origin; give EXTENT (the scene's bounds) too, or neither for a plain pixel grid</source>
      <translation>CRS : un SCR sans EXTENT placerait la grille de pixels à l'origine du SCR ; indiquez aussi EXTENT (les limites de la scène), ou aucun des deux pour une simple grille de pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="308" />
      <source>{file} (MATLAB v{version}): {listing}</source>
      <translation>{file} (MATLAB v{version}) : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="337" />
      <source>{name!r}: {rows} rows x {cols} columns x {bands} bands ({layout}), divided by {scale:g}</source>
      <translation>{name!r} : {rows} lignes x {cols} colonnes x {bands} bandes ({layout}), divisé par {scale:g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="209" />
      <source>LAYOUT: {layout} is for 2-D pixel lists, but {where} is 3-D; use one of {axis_layouts} (or auto)</source>
      <translation>LAYOUT : {layout} est pour les listes de pixels 2-D, mais {where} est en 3-D ; utilisez l'une des dispositions {axis_layouts} (ou auto)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="242" />
      <source>; {big} = {root} x {root} if the scene is square</source>
      <translation> ; {big} = {root} x {root} si la scène est carrée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="252" />
      <source>LAYOUT auto: pixels-column-major (MATLAB's order: pixel k is row k mod ROWS); if the image looks transposed or sheared, use LAYOUT pixels-row-major</source>
      <translation>LAYOUT auto : pixels-column-major (l'ordre de MATLAB : le pixel k est à la ligne k mod ROWS) ; si l'image paraît transposée ou cisaillée, utilisez LAYOUT pixels-row-major</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="313" />
      <source>TRUTH_FILE {file} (MATLAB v{version}): {listing}</source>
      <translation>TRUTH_FILE {file} (MATLAB v{version}) : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="349" />
      <source>TRUTH: {truth!r} is not written (no TRUTH_OUTPUT given)</source>
      <translation>TRUTH : {truth!r} n'est pas écrit (aucune TRUTH_OUTPUT indiquée)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="164" />
      <source>ROWS = {rows} from the file's variable {found!r}</source>
      <translation>ROWS = {rows} d'après la variable {found!r} du fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="169" />
      <source>COLS = {cols} from the file's variable {found!r}</source>
      <translation>COLS = {cols} d'après la variable {found!r} du fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="226" />
      <source>{label}: {given} does not match {where}, which has {actual} {axis} with LAYOUT {layout}</source>
      <translation>{label} : {given} ne correspond pas à {where}, qui a {actual} {axis} avec LAYOUT {layout}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="324" />
      <source>VARIABLE: {name!r}, the largest {dims} numeric array</source>
      <translation>VARIABLE : {name!r}, le plus grand tableau numérique {dims}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="332" />
      <source>WAVELENGTHS from the {source}: {first:g}-{last:g} nm</source>
      <translation>WAVELENGTHS d'après {source} : {first:g}-{last:g} nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="344" />
      <source>TRUTH: {truth!r}, the largest array of {file} that fits the image</source>
      <translation>TRUTH : {truth!r}, le plus grand tableau de {file} qui correspond à l'image</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="216" />
      <source>LAYOUT auto: {layout} (the axis of {n_wavelengths} values holds the bands)</source>
      <translation>LAYOUT auto : {layout} (l'axe de {n_wavelengths} valeurs porte les bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="220" />
      <source>LAYOUT auto: rows-cols-bands (MATLAB's usual size(x) = [rows cols bands])</source>
      <translation>LAYOUT auto : rows-cols-bands (le size(x) = [lignes colonnes bandes] habituel de MATLAB)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="228" />
      <source>rows</source>
      <translation>lignes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matfile.py" line="228" />
      <source>columns</source>
      <translation>colonnes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="55" />
      <source>TRUTH: no variable of {path} fits the image ({rows} rows x {cols} columns, {n_pixels} pixels); its variables: {listing}</source>
      <translation>TRUTH : aucune variable de {path} ne correspond à l'image ({rows} lignes x {cols} colonnes, {n_pixels} pixels) ; ses variables : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="186" />
      <source>TRUTH: {name!r} as abundances, {n_names} band(s): {names}</source>
      <translation>TRUTH : {name!r} en abondances, {n_names} bande(s) : {names}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="66" />
      <source>TRUTH: {name!r} ({dims}) in {path} matches neither the image ({rows} rows x {cols} columns) nor its {n_pixels} pixels; expected a rows x cols label map, a list of pixels, or rows x cols x endmembers</source>
      <translation>TRUTH : {name!r} ({dims}) dans {path} ne correspond ni à l'image ({rows} lignes x {cols} colonnes) ni à ses {n_pixels} pixels ; attendu : une carte d'étiquettes lignes x colonnes, une liste de pixels, ou lignes x colonnes x endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="127" />
      <source>TRUTH_NAMES: {n_names} names in {variable!r}, but the truth has {count} {what}</source>
      <translation>TRUTH_NAMES : {n_names} noms dans {variable!r}, mais la vérité terrain a {count} {what}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="177" />
      <source>TRUTH: {name!r} as a class raster, classes 1-{n_names} (0 = unlabelled)</source>
      <translation>TRUTH : {name!r} en raster de classes, classes 1-{n_names} (0 = sans étiquette)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="33" />
      <source>stored columns x rows, like the cube</source>
      <translation>stocké en colonnes x lignes, comme le cube</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="72" />
      <source>TRUTH: {name!r} is {note}</source>
      <translation>TRUTH : {name!r} est {note}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="126" />
      <source>classes</source>
      <translation>classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="126" />
      <source>endmembers</source>
      <translation>endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="154" />
      <source>TRUTH: {name!r} in {path} has negative labels (from {lo:g}); labels must be 0 (unlabelled) or 1..k</source>
      <translation>TRUTH : {name!r} dans {path} a des étiquettes négatives (à partir de {lo:g}) ; les étiquettes doivent valoir 0 (sans étiquette) ou 1..k</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="157" />
      <source>TRUTH: {name!r} in {path} has labels up to {hi:g}; at most {max_classes} classes are written</source>
      <translation>TRUTH : {name!r} dans {path} a des étiquettes jusqu'à {hi:g} ; au plus {max_classes} classes sont écrites</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="160" />
      <source>TRUTH: {name!r} in {path} labels no pixel (every value is 0)</source>
      <translation>TRUTH : {name!r} dans {path} n'étiquette aucun pixel (toutes les valeurs valent 0)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="38" />
      <source>a list of {n_pixels} pixels in column-major order</source>
      <translation>une liste de {n_pixels} pixels dans l'ordre colonne par colonne</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="39" />
      <source>a list of {n_pixels} pixels in row-major order</source>
      <translation>une liste de {n_pixels} pixels dans l'ordre ligne par ligne</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="105" />
      <source>TRUTH_NAMES: {spec!r} in {path} is not a char array or a cell array of text</source>
      <translation>TRUTH_NAMES : {spec!r} dans {path} n'est ni un tableau de caractères ni un tableau de cellules de texte</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="119" />
      <source>TRUTH: class names from {source!r}; its first name {first_name!r} is class 0 (unlabelled)</source>
      <translation>TRUTH : noms des classes d'après {source!r} ; son premier nom {first_name!r} est la classe 0 (sans étiquette)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/mattruth.py" line="123" />
      <source>TRUTH: names from {source!r}</source>
      <translation>TRUTH : noms d'après {source!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="131" />
      <source>{parameter}: {path} is not a MATLAB .mat file (no MAT-file header; MATLAB v4 files are not read either: re-save them in MATLAB with save(file, '-v7') or save(file, '-v7.3'))</source>
      <translation>{parameter} : {path} n'est pas un fichier MATLAB .mat (pas d'en-tête MAT-file ; les fichiers MATLAB v4 ne sont pas lus non plus : réenregistrez-les dans MATLAB avec save(file, '-v7') ou save(file, '-v7.3'))</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="115" />
      <source>{parameter}: {path}: no such file</source>
      <translation>{parameter} : {path} : fichier introuvable</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="129" />
      <source>{parameter}: {path} is damaged: it starts like a MATLAB .mat file, but its header is cut short or has no valid version and byte-order mark</source>
      <translation>{parameter} : {path} est endommagé : il commence comme un fichier MATLAB .mat, mais son en-tête est tronqué ou n'a ni version ni indicateur d'ordre des octets valides</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="178" />
      <source>{parameter}: {path} has no variable {name!r}; its variables: {listing}</source>
      <translation>{parameter} : {path} n'a pas de variable {name!r} ; ses variables : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="200" />
      <source>{parameter}: {path} is damaged or truncated: {what} cannot be read ({exc})</source>
      <translation>{parameter} : {path} est endommagé ou tronqué : impossible de lire {what} ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="185" />
      <source>{parameter}: {name!r} in {path} is {kind}, not a numeric array; only numeric and logical arrays are imported (structs, cell arrays, objects and function handles are never read, so nothing in the file is executed). Its variables: {listing}</source>
      <translation>{parameter} : {name!r} dans {path} est {kind}, pas un tableau numérique ; seuls les tableaux numériques et logiques sont importés (structures, tableaux de cellules, objets et handles de fonctions ne sont jamais lus, si bien que rien dans le fichier n'est exécuté). Ses variables : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="269" />
      <source>{parameter}: {variable} in {path} is {size}. MATLAB v5 files cannot be read in parts, so scipy loads the whole variable (about {peak} at peak), but only {available} of memory is available. Re-save it in MATLAB as v7.3 (HDF5), which is read in row blocks: save(file, '{name}', '-v7.3').</source>
      <translation>{parameter} : {variable} dans {path} occupe {size}. Les fichiers MATLAB v5 ne peuvent pas être lus par parties : scipy charge donc toute la variable (environ {peak} au maximum), mais seulement {available} de mémoire sont disponibles. Réenregistrez-la dans MATLAB en v7.3 (HDF5), qui est lu par blocs de lignes : save(file, '{name}', '-v7.3').</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="284" />
      <source>scipy found no data for it</source>
      <translation>scipy n'y a trouvé aucune donnée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matvars.py" line="299" />
      <source>its data has shape {shape}, its header {header}</source>
      <translation>ses données ont la forme {shape}, son en-tête {header}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="85" />
      <source>WAVELENGTHS: {spec!r} is not a variable of {path}, an existing spectra CSV, or a range such as 400-2500 (nm). The file's variables: {listing}</source>
      <translation>WAVELENGTHS : {spec!r} n'est ni une variable de {path}, ni un CSV de spectres existant, ni un intervalle tel que 400-2500 (nm). Les variables du fichier : {listing}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="22" />
      <source>WAVELENGTHS: {where} has non-finite values</source>
      <translation>WAVELENGTHS : {where} a des valeurs non finies</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="25" />
      <source>WAVELENGTHS: {where} holds whole numbers from {min:g} to {max:g}, which look like band numbers, not wavelengths in nanometres or micrometres</source>
      <translation>WAVELENGTHS : {where} contient des nombres entiers de {min:g} à {max:g}, qui ressemblent à des numéros de bandes et non à des longueurs d'onde en nanomètres ou en micromètres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="31" />
      <source>WAVELENGTHS: {where} holds values from {min:g} to {max:g}, which are not wavelengths in nanometres or micrometres (band numbers?)</source>
      <translation>WAVELENGTHS : {where} contient des valeurs de {min:g} à {max:g}, qui ne sont pas des longueurs d'onde en nanomètres ou en micromètres (des numéros de bandes ?)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="52" />
      <source>WAVELENGTHS: {path} has no wavelength_nm values</source>
      <translation>WAVELENGTHS : {path} n'a aucune valeur wavelength_nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="99" />
      <source>WAVELENGTHS: {source} has {n_values} wavelengths, but the cube in {path} has {bands} bands</source>
      <translation>WAVELENGTHS : {source} a {n_values} longueurs d'onde, mais le cube de {path} a {bands} bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="71" />
      <source>WAVELENGTHS: {variable} in {path} is not a vector</source>
      <translation>WAVELENGTHS : {variable} dans {path} n'est pas un vecteur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="83" />
      <source>WAVELENGTHS: the range {spec!r} must go from a lower to a higher wavelength</source>
      <translation>WAVELENGTHS : l'intervalle {spec!r} doit aller d'une longueur d'onde plus courte à une plus longue</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/matwavelengths.py" line="49" />
      <source>WAVELENGTHS: {path}: a wavelength is not a number ({exc})</source>
      <translation>WAVELENGTHS : {path} : une longueur d'onde n'est pas un nombre ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="43" />
      <source>Map_Info has {n_parts} fields, expected at least 7: {map_info!r}</source>
      <translation>Map_Info a {n_parts} champs, au moins 7 étaient attendus : {map_info!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="50" />
      <source>Map_Info has a non-finite georeference field (NaN or inf): {map_info!r}</source>
      <translation>Map_Info a un champ de géoréférencement non fini (NaN ou inf) : {map_info!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="52" />
      <source>Map_Info gives a non-positive pixel size ({px}, {py}): {map_info!r}</source>
      <translation>Map_Info donne une taille de pixel négative ou nulle ({px}, {py}) : {map_info!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="142" />
      <source>{where}: no such file</source>
      <translation>{where} : fichier introuvable</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="144" />
      <source>{where}: is a folder, expected a NEON .h5 file</source>
      <translation>{where} : est un dossier ; un fichier NEON .h5 était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="149" />
      <source>{where}: not an HDF5 file (expected a NEON AOP reflectance .h5 file)</source>
      <translation>{where} : pas un fichier HDF5 (un fichier .h5 de réflectance NEON AOP était attendu)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="176" />
      <source>{where}: {what} is empty</source>
      <translation>{where} : {what} est vide</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="186" />
      <source>{where}: empty HDF5 file; expected a NEON reflectance file with one site group</source>
      <translation>{where} : fichier HDF5 vide ; un fichier de réflectance NEON avec un groupe de site était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="190" />
      <source>{where}: top-level item {site!r} is not a group; expected the NEON site group</source>
      <translation>{where} : l'élément de premier niveau {site!r} n'est pas un groupe ; le groupe de site NEON était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="198" />
      <source>{where}: no NEON reflectance group; expected /&lt;SITE&gt;/Reflectance, found /{site} with {keys}</source>
      <translation>{where} : aucun groupe de réflectance NEON ; /&lt;SITE&gt;/Reflectance était attendu, trouvé /{site} avec {keys}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="202" />
      <source>{where}: /{site}/Reflectance has no Reflectance_Data dataset</source>
      <translation>{where} : /{site}/Reflectance n'a pas de jeu de données Reflectance_Data</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="204" />
      <source>{where}: Reflectance_Data has shape {shape}, expected (rows, cols, bands)</source>
      <translation>{where} : Reflectance_Data a la forme {shape} ; (lignes, colonnes, bandes) était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="207" />
      <source>{where}: Reflectance_Data has non-numeric type {dtype}</source>
      <translation>{where} : Reflectance_Data a le type non numérique {dtype}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="215" />
      <source>{where}: missing Metadata/Spectral_Data/Wavelength</source>
      <translation>{where} : Metadata/Spectral_Data/Wavelength manquant</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="217" />
      <source>{where}: {n_wavelengths} wavelengths for {n_bands} bands in Reflectance_Data (expected the bands on the last axis)</source>
      <translation>{where} : {n_wavelengths} longueurs d'onde pour {n_bands} bandes dans Reflectance_Data (les bandes étaient attendues sur le dernier axe)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="224" />
      <source>{where}: Wavelength contains non-finite or non-positive values</source>
      <translation>{where} : Wavelength contient des valeurs non finies ou négatives ou nulles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="245" />
      <source>{where}: missing Metadata/Coordinate_System/Map_Info (no georeference)</source>
      <translation>{where} : Metadata/Coordinate_System/Map_Info manquant (pas de géoréférencement)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="263" />
      <source>{where}: cannot determine the coordinate system (no usable EPSG Code, Map_Info UTM zone or Proj4)</source>
      <translation>{where} : impossible de déterminer le système de coordonnées (ni EPSG Code, ni zone UTM de Map_Info, ni Proj4 utilisables)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="281" />
      <source>no Band_Window attributes; using the default water-vapour windows 1340-1445 and 1790-1955 nm</source>
      <translation>pas d'attributs Band_Window ; utilisation des fenêtres de vapeur d'eau par défaut, 1340-1445 et 1790-1955 nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="294" />
      <source>{where}: /{site}/Reflectance has no Metadata group</source>
      <translation>{where} : /{site}/Reflectance n'a pas de groupe Metadata</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="48" />
      <source>Map_Info has a non-numeric georeference field: {map_info!r}</source>
      <translation>Map_Info a un champ de géoréférencement non numérique : {map_info!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="133" />
      <source>{parameter}: {path}: unknown EPSG code {epsg}</source>
      <translation>{parameter} : {path} : code EPSG inconnu {epsg}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="145" />
      <source>the file</source>
      <translation>le fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="153" />
      <source>{where}: cannot be opened as HDF5 (truncated or damaged?): {exc}</source>
      <translation>{where} : impossible de l'ouvrir en HDF5 (tronqué ou endommagé ?) : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="169" />
      <source>the file structure</source>
      <translation>la structure du fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="195" />
      <source>{where}: this is a NEON radiance file (DP1.30008, group /{site}/Radiance); hyspec needs a reflectance product (DP3.30006.001/.002 or DP1.30006.001)</source>
      <translation>{where} : c'est un fichier de luminance NEON (DP1.30008, groupe /{site}/Radiance) ; hyspec a besoin d'un produit de réflectance (DP3.30006.001/.002 ou DP1.30006.001)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="227" />
      <source>no FWHM in the file</source>
      <translation>pas de FWHM dans le fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="230" />
      <source>FWHM has {n_fwhm} values for {n_wavelengths} bands; ignored</source>
      <translation>FWHM a {n_fwhm} valeurs pour {n_wavelengths} bandes ; ignoré</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="235" />
      <source>FWHM contains non-finite values; ignored</source>
      <translation>FWHM contient des valeurs non finies ; ignoré</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="250" />
      <source>unusable EPSG Code {epsg_text!r}</source>
      <translation>EPSG Code inutilisable {epsg_text!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="253" />
      <source>EPSG code derived from Map_Info (UTM zone {zone} {hemisphere}, WGS-84): {epsg}</source>
      <translation>code EPSG déduit de Map_Info (zone UTM {zone} {hemisphere}, WGS-84) : {epsg}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="299" />
      <source>the Reflectance_Data attributes</source>
      <translation>les attributs de Reflectance_Data</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="303" />
      <source>{where}: invalid Scale_Factor {scale} (must be a positive number)</source>
      <translation>{where} : Scale_Factor {scale} non valide (doit être un nombre positif)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="313" />
      <source>the Band_Window attributes</source>
      <translation>les attributs Band_Window</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="382" />
      <source>{where}: no ancillary layer {name!r}; available: {ancillary}</source>
      <translation>{where} : pas de couche auxiliaire {name!r} ; disponibles : {ancillary}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="61" />
      <source>Map_Info describes a rotated grid, which is not supported: {map_info!r}</source>
      <translation>Map_Info décrit une grille tournée, ce qui n'est pas pris en charge : {map_info!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="276" />
      <source>{where}: Band_Window_{i}_Nanometers {values} is not a window (two finite wavelengths, low to high)</source>
      <translation>{where} : Band_Window_{i}_Nanometers {values} n'est pas une fenêtre (deux longueurs d'onde finies, de la plus courte à la plus longue)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="354" />
      <source>rows {row0}-{row1} of Reflectance_Data</source>
      <translation>les lignes {row0}-{row1} de Reflectance_Data</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="389" />
      <source>rows {row0}-{row1} of the ancillary layer {name}</source>
      <translation>les lignes {row0}-{row1} de la couche auxiliaire {name}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="395" />
      <source>the ancillary layer {name}</source>
      <translation>la couche auxiliaire {name}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="59" />
      <source>Map_Info has an unreadable rotation: {map_info!r}</source>
      <translation>Map_Info a une rotation illisible : {map_info!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/neon.py" line="311" />
      <source>Spatial_Extent_meters {got} differs from the Map_Info grid {want}; Map_Info is used</source>
      <translation>Spatial_Extent_meters {got} diffère de la grille de Map_Info {want} ; Map_Info est utilisé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="91" />
      <source>the folder or file does not exist</source>
      <translation>le dossier ou le fichier n'existe pas</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="92" />
      <source>permission denied</source>
      <translation>permission refusée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="94" />
      <source>the disk is read-only</source>
      <translation>le disque est en lecture seule</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="95" />
      <source>the disk is full</source>
      <translation>le disque est plein</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="96" />
      <source>it is a folder, not a file</source>
      <translation>c'est un dossier, pas un fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="97" />
      <source>a part of the path is a file, not a folder</source>
      <translation>une partie du chemin est un fichier, pas un dossier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="98" />
      <source>the disk quota is exceeded</source>
      <translation>le quota disque est dépassé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="99" />
      <source>the name is too long</source>
      <translation>le nom est trop long</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="103" />
      <source>{parameter}: {path}: {reason}</source>
      <translation>{parameter} : {path} : {reason}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="105" />
      <source>{where}: {reason}</source>
      <translation>{where} : {reason}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="163" />
      <source>{name}: {final} {what} the input {other} ({other_path}); choose another name: hyspec never replaces an input</source>
      <translation>{name} : {final} {what} l'entrée {other} ({other_path}) ; choisissez un autre nom : hyspec ne remplace jamais une entrée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="167" />
      <source>{name}: {final} is also the destination of {other}; give each output its own file</source>
      <translation>{name} : {final} est aussi la destination de {other} ; donnez à chaque sortie son propre fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="198" />
      <source>{name}: {folder} is a file, not a folder</source>
      <translation>{name} : {folder} est un fichier, pas un dossier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="203" />
      <source>{name}: {final} is a folder; give a file name</source>
      <translation>{name} : {final} est un dossier ; indiquez un nom de fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="208" />
      <source>{name}: the folder {folder} does not exist</source>
      <translation>{name} : le dossier {folder} n'existe pas</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="260" />
      <source>{missing}: the output was not written</source>
      <translation>{missing} : la sortie n'a pas été écrite</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="143" />
      <source>is the same file as</source>
      <translation>est le même fichier que</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/outputs.py" line="145" />
      <source>would replace a sidecar of</source>
      <translation>remplacerait un fichier annexe de</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="63" />
      <source>{where}: unknown coordinate reference system {text!r}</source>
      <translation>{where} : système de coordonnées de référence inconnu {text!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="77" />
      <source>{parameter}: {path}: the geotransform {gt} cannot be inverted</source>
      <translation>{parameter} : {path} : la géotransformation {gt} n'est pas inversible</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="101" />
      <source>{where}: the raster has no coordinate reference system, so a point in {crs!r} cannot be placed on it</source>
      <translation>{where} : le raster n'a pas de système de coordonnées de référence, un point en {crs!r} ne peut donc pas y être placé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="115" />
      <source>{where}: the point ({x}, {y}) has no position in the raster's CRS</source>
      <translation>{where} : le point ({x}, {y}) n'a pas de position dans le SCR du raster</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="136" />
      <source>{where}: pixel (row {row}, col {col}) is outside the raster ({height} rows x {width} columns)</source>
      <translation>{where} : le pixel (ligne {row}, colonne {col}) est en dehors du raster ({height} lignes x {width} colonnes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="146" />
      <source>{where}: cannot read pixel (row {row}, col {col}) (truncated or damaged file?): {error}</source>
      <translation>{where} : impossible de lire le pixel (ligne {row}, colonne {col}) (fichier tronqué ou endommagé ?) : {error}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="164" />
      <source>{where}: pixel (row {row}, col {col}) is no-data in every band</source>
      <translation>{where} : le pixel (ligne {row}, colonne {col}) est sans donnée dans toutes les bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="176" />
      <source>{where}: the point ({tx:.3f}, {ty:.3f}) is outside the raster</source>
      <translation>{where} : le point ({tx:.3f}, {ty:.3f}) est en dehors du raster</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="73" />
      <source>a spectral profile</source>
      <translation>un profil spectral</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/pixel_spectrum.py" line="112" />
      <source>{where}: the point ({x}, {y}) cannot be transformed to the raster's CRS ({exc})</source>
      <translation>{where} : le point ({x}, {y}) ne peut pas être transformé dans le SCR du raster ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/profile_spectra.py" line="161" />
      <source>{source}: the CSV has no wavelengths (its wavelength_nm column is empty), so its spectra cannot be drawn against wavelength</source>
      <translation>{source} : le CSV n'a pas de longueurs d'onde (sa colonne wavelength_nm est vide) ; ses spectres ne peuvent donc pas être tracés en fonction de la longueur d'onde</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/profile_spectra.py" line="211" />
      <source>nothing to export: no complete spectrum is shown ({names} have no-data bands)</source>
      <translation>rien à exporter : aucun spectre complet n'est affiché ({names} ont des bandes sans donnée)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/profile_spectra.py" line="214" />
      <source>nothing to export: no complete spectrum is shown</source>
      <translation>rien à exporter : aucun spectre complet n'est affiché</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/profile_spectra.py" line="226" />
      <source>nothing to export: the spectra shown have no band in common (within half a band)</source>
      <translation>rien à exporter : les spectres affichés n'ont aucune bande en commun (à une demi-bande près)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="499" />
      <source>{parameter}: rotated rasters cannot be subset by extent</source>
      <translation>{parameter} : un raster tourné ne peut pas être découpé selon une emprise</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="501" />
      <source>{parameter}: the raster has no usable georeference (geotransform {gt})</source>
      <translation>{parameter} : le raster n'a pas de géoréférencement utilisable (géotransformation {gt})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="505" />
      <source>{parameter}: invalid extent {bounds}</source>
      <translation>{parameter} : emprise non valide {bounds}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="510" />
      <source>{error_message}: extent {bounds} vs raster {raster_bounds}</source>
      <translation>{error_message} : emprise {bounds}, raster {raster_bounds}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="256" />
      <source>{where}: is a folder, expected a raster file</source>
      <translation>{where} : est un dossier ; un fichier raster était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="259" />
      <source>{where}: the file has no raster bands</source>
      <translation>{where} : le fichier n'a aucune bande raster</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="306" />
      <source>{parameter}: {path} has no wavelength metadata, which {why} needs (band 'wavelength' metadata, IMAGERY CENTRAL_WAVELENGTH_UM or an ENVI header 'wavelength' list)</source>
      <translation>{parameter} : {path} n'a pas de métadonnées de longueurs d'onde, dont {why} a besoin (métadonnée de bande 'wavelength', IMAGERY CENTRAL_WAVELENGTH_UM ou liste 'wavelength' d'un en-tête ENVI)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="346" />
      <source>{parameter}: the extent does not overlap {path}</source>
      <translation>{parameter} : l'emprise ne recouvre pas {path}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="192" />
      <source>{where}: not a raster GDAL can read ({detail})</source>
      <translation>{where} : pas un raster lisible par GDAL ({detail})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="263" />
      <source>{where}: damaged raster, its metadata cannot be read ({exc})</source>
      <translation>{where} : raster endommagé, ses métadonnées sont illisibles ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_reader.py" line="396" />
      <source>{parameter}: {path}: cannot read rows {row0}-{row1} (truncated or damaged file?): {exc}</source>
      <translation>{parameter} : {path} : impossible de lire les lignes {row0}-{row1} (fichier tronqué ou endommagé ?) : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_writer.py" line="139" />
      <source>{path}: output folder {folder} does not exist</source>
      <translation>{path} : le dossier de sortie {folder} n'existe pas</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/raster_writer.py" line="156" />
      <source>{path}: cannot create the output file ({detail})</source>
      <translation>{path} : impossible de créer le fichier de sortie ({detail})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="88" />
      <source>{where}: not text in UTF-8, UTF-16 or Windows-1252 (Excel's encoding); is it a CSV?</source>
      <translation>{where} : pas du texte en UTF-8, UTF-16 ou Windows-1252 (l'encodage d'Excel) ; est-ce bien un CSV ?</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="98" />
      <source>{where}: contains NUL characters; not a text CSV</source>
      <translation>{where} : contient des caractères NUL ; pas un CSV texte</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="134" />
      <source>{where}: is a folder, expected a spectra CSV file</source>
      <translation>{where} : est un dossier ; un fichier CSV de spectres était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="138" />
      <source>{where}: {size} bytes is too large for a spectra CSV</source>
      <translation>{where} : {size} octets, c'est trop pour un CSV de spectres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="146" />
      <source>{where}: empty spectra CSV; expected a header 'band,wavelength_nm,&lt;names&gt;' and one row per band</source>
      <translation>{where} : CSV de spectres vide ; un en-tête 'band,wavelength_nm,&lt;noms&gt;' et une ligne par bande étaient attendus</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="153" />
      <source>{where}: malformed header {header}; expected 'band,wavelength_nm,&lt;name1&gt;,...' (one column per spectrum)</source>
      <translation>{where} : en-tête mal formé {header} ; 'band,wavelength_nm,&lt;nom1&gt;,...' était attendu (une colonne par spectre)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="158" />
      <source>{where}: spectrum names must be non-empty and unique, found {names}</source>
      <translation>{where} : les noms des spectres doivent être non vides et uniques ; trouvé : {names}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="160" />
      <source>{where}: a header but no band rows; expected one row per band after the header</source>
      <translation>{where} : un en-tête, mais aucune ligne de bande ; une ligne par bande était attendue après l'en-tête</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="181" />
      <source>line {line}: value</source>
      <translation>ligne {line} : valeur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="186" />
      <source>{where}: non-finite values in spectrum {bad} (inf or NaN)</source>
      <translation>{where} : valeurs non finies dans le spectre {bad} (inf ou NaN)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="229" />
      <source>{where}: {n_missing} of the raster's {n_wavelengths} bands have no CSV row within half a band (e.g. {missing} nm); the CSV covers {n_rows} bands from {first:.1f} to {last:.1f} nm</source>
      <translation>{where} : {n_missing} des {n_wavelengths} bandes du raster n'ont aucune ligne du CSV à moins d'une demi-bande (p. ex. {missing} nm) ; le CSV couvre {n_rows} bandes de {first:.1f} à {last:.1f} nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="236" />
      <source>{where}: several raster bands match the same CSV row; band grids are incompatible</source>
      <translation>{where} : plusieurs bandes du raster correspondent à la même ligne du CSV ; les grilles de bandes sont incompatibles</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="54" />
      <source>{parameter}: no endmember selected</source>
      <translation>{parameter} : aucun endmember sélectionné</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="56" />
      <source>{parameter}: an endmember is selected twice: {which}</source>
      <translation>{parameter} : un endmember est sélectionné deux fois : {which}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="108" />
      <source>{where}: line {line_num} cannot be parsed ({exc}); an unbalanced quote or a huge cell?</source>
      <translation>{where} : la ligne {line_num} ne peut pas être analysée ({exc}) ; un guillemet non fermé ou une cellule énorme ?</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="118" />
      <source>{where}: {what} {cell!r} is not numeric</source>
      <translation>{where} : {what} {cell!r} n'est pas numérique</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="143" />
      <source>{where}: cannot be read ({error})</source>
      <translation>{where} : illisible ({error})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="169" />
      <source>{where}: line {line} has {n_cells} fields, the header {n_header}{hint}</source>
      <translation>{where} : la ligne {line} a {n_cells} champs, l'en-tête {n_header}{hint}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="171" />
      <source>line {line}: band</source>
      <translation>ligne {line} : bande</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="173" />
      <source>{where}: line {line}: band {band!r} is not a whole number &gt;= 0</source>
      <translation>{where} : ligne {line} : la bande {band!r} n'est pas un nombre entier &gt;= 0</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="177" />
      <source>{where}: line {line}: wavelength {wavelength!r} is not a positive finite number</source>
      <translation>{where} : ligne {line} : la longueur d'onde {wavelength!r} n'est pas un nombre fini positif</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="191" />
      <source>{where}: some rows have a wavelength and some do not</source>
      <translation>{where} : certaines lignes ont une longueur d'onde, d'autres non</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="209" />
      <source>{where}: {n_bands} bands in the CSV but {n_raster_bands} in the raster, and wavelengths are missing on one side, so they cannot be matched</source>
      <translation>{where} : {n_bands} bandes dans le CSV mais {n_raster_bands} dans le raster, et les longueurs d'onde manquent d'un côté : elles ne peuvent donc pas être appariées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="167" />
      <source>; decimal commas need ';' as the separator</source>
      <translation> ; les virgules décimales demandent ';' comme séparateur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="175" />
      <source>line {line}: wavelength</source>
      <translation>ligne {line} : longueur d'onde</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="50" />
      <source>{parameter}: unknown endmember {text!r}; the CSV has {names} (names or numbers 1..{n_spectra})</source>
      <translation>{parameter} : endmember inconnu {text!r} ; le CSV contient {names} (noms ou numéros 1..{n_spectra})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/spectra_csv.py" line="195" />
      <source>{where}: wavelengths read as micrometres and converted to nanometres</source>
      <translation>{where} : longueurs d'onde lues en micromètres et converties en nanomètres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/vrt_check.py" line="44" />
      <source>{where}: the VRT {path} is unreadable or larger than {max_mb} MB</source>
      <translation>{where} : le VRT {path} est illisible ou dépasse {max_mb} Mo</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/vrt_check.py" line="52" />
      <source>{where}: VRT sources nest deeper than {max_depth} levels</source>
      <translation>{where} : les sources du VRT sont imbriquées sur plus de {max_depth} niveaux</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/vrt_check.py" line="78" />
      <source>{where}: VRT source {name!r} is not a plain file; only VRTs that assemble raster files are read</source>
      <translation>{where} : la source du VRT {name!r} n'est pas un simple fichier ; seuls les VRT qui assemblent des fichiers raster sont lus</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/vrt_check.py" line="56" />
      <source>{where}: a VRT whose XML cannot be parsed ({exc})</source>
      <translation>{where} : un VRT dont le XML ne peut pas être analysé ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/vrt_check.py" line="60" />
      <source>{where}: a VRT with a raw band (VRTRawRasterBand reading {source!r}) is refused: it would read the bytes of a file that was not given as input. Convert the raw file to GeoTIFF, or give it directly with its header</source>
      <translation>{where} : un VRT avec une bande brute (VRTRawRasterBand qui lit {source!r}) est refusé : il lirait les octets d'un fichier qui n'a pas été fourni en entrée. Convertissez le fichier brut en GeoTIFF, ou fournissez-le directement avec son en-tête</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/io/vrt_check.py" line="66" />
      <source>{where}: a VRT with a Python pixel function is refused (it would run code)</source>
      <translation>{where} : un VRT avec une fonction de pixel Python est refusé (il exécuterait du code)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/apply.py" line="33" />
      <source>MODEL: {path}: the model description has no network</source>
      <translation>MODEL : {path} : la description du modèle ne contient pas de réseau</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/apply.py" line="38" />
      <source>MODEL: {path}: {exc}</source>
      <translation>MODEL : {path} : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="97" />
      <source>sample: {n_train} training and {n_validation} validation pixels (hold-out cells of {cell} x {cell} px) of {n_valid} valid pixels</source>
      <translation>échantillon : {n_train} pixels d'entraînement et {n_validation} de validation (cellules réservées de {cell} x {cell} px) sur {n_valid} pixels valides</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="51" />
      <source>HIDDEN_LAYERS: every layer needs at least 1 unit, got {text!r}</source>
      <translation>HIDDEN_LAYERS : chaque couche doit avoir au moins 1 neurone ; valeur reçue : {text!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="57" />
      <source>EPOCHS: must be 1 or more, got {epochs}</source>
      <translation>EPOCHS : doit être supérieur ou égal à 1 ; valeur reçue : {epochs}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="59" />
      <source>BATCH_SIZE: must be 1 or more, got {batch_size}</source>
      <translation>BATCH_SIZE : doit être supérieur ou égal à 1 ; valeur reçue : {batch_size}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="61" />
      <source>LEARNING_RATE: must be between 0 and 1 (Adam's step size, e.g. 0.001), got {learning_rate}</source>
      <translation>LEARNING_RATE : doit être entre 0 et 1 (le pas d'Adam, p. ex. 0.001) ; valeur reçue : {learning_rate}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="64" />
      <source>VALIDATION_FRACTION: must be at least 0 and below 1, got {validation_fraction}</source>
      <translation>VALIDATION_FRACTION : doit être supérieur ou égal à 0 et inférieur à 1 ; valeur reçue : {validation_fraction}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="67" />
      <source>SAMPLE_SIZE: must be 0 (all valid pixels) or more, got {sample_size}</source>
      <translation>SAMPLE_SIZE : doit valoir 0 (tous les pixels valides) ou plus ; valeur reçue : {sample_size}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="90" />
      <source>note: SID compares sum-normalised spectra and needs positive values; values &lt;= 0 are clipped to 1e-12 (minmax pre-processing avoids this)</source>
      <translation>remarque : SID compare des spectres normalisés par leur somme et demande des valeurs positives ; les valeurs &lt;= 0 sont ramenées à 1e-12 (le prétraitement minmax l'évite)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="95" />
      <source>INPUT: {path}: no training pixel left after the hold-out; lower VALIDATION_FRACTION</source>
      <translation>INPUT : {path} : plus aucun pixel d'entraînement après la mise de côté pour la validation ; réduisez VALIDATION_FRACTION</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/autoencoder.py" line="48" />
      <source>HIDDEN_LAYERS: expected whole numbers separated by commas (e.g. 50,30), got {text!r}</source>
      <translation>HIDDEN_LAYERS : des nombres entiers séparés par des virgules étaient attendus (p. ex. 50,30) ; valeur reçue : {text!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/forest.py" line="28" />
      <source>TREES: must be 1 or more, got {trees}</source>
      <translation>TREES : doit être supérieur ou égal à 1 ; valeur reçue : {trees}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/forest.py" line="33" />
      <source>the training pixels hold classes {classes}, expected 0..{last}</source>
      <translation>les pixels d'entraînement contiennent les classes {classes} ; 0..{last} était attendu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/forest.py" line="115" />
      <source>tree {tree} of the stored forest is malformed (child indices)</source>
      <translation>l'arbre {tree} de la forêt enregistrée est mal formé (indices des nœuds enfants)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/forest.py" line="63" />
      <source>the stored forest has {n_stored} classes, the model description {n_classes}</source>
      <translation>la forêt enregistrée a {n_stored} classes, la description du modèle {n_classes}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/forest.py" line="69" />
      <source>the stored forest splits on band {band} of {n_features}</source>
      <translation>la forêt enregistrée divise sur la bande {band} de {n_features}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/losses.py" line="29" />
      <source>LOSS: {name!r} is not one of {losses}</source>
      <translation>LOSS : {name!r} ne fait pas partie de {losses}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="85" />
      <source>{where}: not a hyspec model file (expected a zip/.npz written by hyspec:trainautoencoder or hyspec:trainclassifier)</source>
      <translation>{where} : pas un fichier de modèle hyspec (un zip/.npz écrit par hyspec:trainautoencoder ou hyspec:trainclassifier était attendu)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="125" />
      <source>{where}: not a hyspec model file (format {found!r})</source>
      <translation>{where} : pas un fichier de modèle hyspec (format {found!r})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="127" />
      <source>{where}: model format version {version} is not supported (this plugin reads version {supported}); retrain the model with this version</source>
      <translation>{where} : la version {version} du format de modèle n'est pas prise en charge (cette extension lit la version {supported}) ; réentraînez le modèle avec cette version</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="138" />
      <source>{where}: this is a {found} model, not a {kind} model (that is made by {made_by})</source>
      <translation>{where} : c'est un modèle {found}, pas un modèle {kind} (celui-ci est produit par {made_by})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="141" />
      <source>{where}: the model description's 'arrays' is not a table</source>
      <translation>{where} : l'entrée 'arrays' de la description du modèle n'est pas une table</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="159" />
      <source>{where} has {count} bands, but the model {model_path} was trained on {bands} bands: apply it to a raster prepared the same way (same band cleaning)</source>
      <translation>{where} a {count} bandes, mais le modèle {model_path} a été entraîné sur {bands} bandes : appliquez-le à un raster préparé de la même façon (même nettoyage des bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="166" />
      <source>{where} has no wavelength metadata, but the model {model_path} was trained on wavelengths {first_trained:g}-{last_trained:g} nm: its bands cannot be checked</source>
      <translation>{where} n'a pas de métadonnées de longueurs d'onde, mais le modèle {model_path} a été entraîné sur les longueurs d'onde {first_trained:g}-{last_trained:g} nm : ses bandes ne peuvent pas être vérifiées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="176" />
      <source>{where}: band {band} is at {have:.6g} nm, but the model {model_path} was trained with band {band} at {trained:.6g} nm ({n_off} of {n_trained} bands differ by more than {tolerance:.3g} nm)</source>
      <translation>{where} : la bande {band} est à {have:.6g} nm, mais le modèle {model_path} a été entraîné avec la bande {band} à {trained:.6g} nm ({n_off} bandes sur {n_trained} diffèrent de plus de {tolerance:.3g} nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="118" />
      <source>{where}: damaged model file ({exc})</source>
      <translation>{where} : fichier de modèle endommagé ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="132" />
      <source>{where}: the model description lacks '{key}'</source>
      <translation>{where} : il manque '{key}' dans la description du modèle</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="136" />
      <source>{where}: this is a {found} model, not an {kind} model (that is made by {made_by})</source>
      <translation>{where} : c'est un modèle {found}, pas un modèle {kind} (celui-ci est produit par {made_by})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="91" />
      <source>{where}: not a hyspec model file (no {json_name} inside)</source>
      <translation>{where} : pas un fichier de modèle hyspec (pas de {json_name} à l'intérieur)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="93" />
      <source>{where}: {json_name} is implausibly large</source>
      <translation>{where} : {json_name} est d'une taille invraisemblable</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="97" />
      <source>{where}: {json_name} is not valid JSON ({exc})</source>
      <translation>{where} : {json_name} n'est pas du JSON valide ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="104" />
      <source>{where}: array {name} is listed but missing</source>
      <translation>{where} : le tableau {name} est listé mais absent</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="112" />
      <source>{where}: array {name} is {dtype} {shape}, the description says {described_dtype} {described_shape}</source>
      <translation>{where} : le tableau {name} est {dtype} {shape}, la description indique {described_dtype} {described_shape}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/modelfile.py" line="109" />
      <source>{where}: array {name} cannot be read without pickle ({exc})</source>
      <translation>{where} : le tableau {name} ne peut pas être lu sans pickle ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="50" />
      <source>ARCHITECTURE: {architecture!r} is not one of mlp, cnn</source>
      <translation>ARCHITECTURE : {architecture!r} ne fait pas partie de mlp, cnn</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="52" />
      <source>LATENT_SIZE: must be 1 or more, got {latent}</source>
      <translation>LATENT_SIZE : doit être supérieur ou égal à 1 ; valeur reçue : {latent}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="76" />
      <source>{what}: the 1-D CNN's convolutions (sizes {sizes}) need at least {need} bands, the input has {n_bands}; use the mlp architecture or random_forest</source>
      <translation>{what} : les convolutions du CNN 1-D (tailles {sizes}) demandent au moins {need} bandes, l'entrée en a {n_bands} ; utilisez l'architecture mlp ou random_forest</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="183" />
      <source>unknown network {network!r} / architecture {architecture!r}</source>
      <translation>réseau {network!r} / architecture {architecture!r} inconnus</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="58" />
      <source>HIDDEN_LAYERS: every layer needs at least 1 unit, got {hidden}</source>
      <translation>HIDDEN_LAYERS : chaque couche doit avoir au moins 1 neurone ; valeur reçue : {hidden}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="196" />
      <source>the weights do not fit the network: missing {missing}, unexpected {extra}</source>
      <translation>les poids ne correspondent pas au réseau : manquants {missing}, inattendus {extra}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/networks.py" line="200" />
      <source>weight {name} has shape {shape}, the network needs {expected}</source>
      <translation>le poids {name} a la forme {shape}, le réseau demande {expected}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/preprocessing.py" line="21" />
      <source>PREPROCESSING: {method!r} is not one of {methods}</source>
      <translation>PREPROCESSING : {method!r} ne fait pas partie de {methods}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/sampling.py" line="86" />
      <source>{parameter}: {path}: every pixel is no-data (or NaN in some band)</source>
      <translation>{parameter} : {path} : tous les pixels sont sans donnée (ou NaN dans une bande)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/supervised.py" line="99" />
      <source>{n_classes} classes; training on {n_fit} pixels of {n_features} features ({n_train} available), validating on {n_val} pixels of {n_held_out} held-out features</source>
      <translation>{n_classes} classes ; entraînement sur {n_fit} pixels de {n_features} entités ({n_train} disponibles), validation sur {n_val} pixels de {n_held_out} entités mises de côté</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/supervised.py" line="178" />
      <source>MODEL: {path}: unknown classifier method {method!r}</source>
      <translation>MODEL : {path} : méthode de classification inconnue {method!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/supervised.py" line="82" />
      <source>METHOD: {method!r} is not one of {methods}</source>
      <translation>METHOD : {method!r} ne fait pas partie de {methods}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/supervised.py" line="86" />
      <source>MAX_PIXELS_PER_CLASS: must be 0 (all) or more, got {max_pixels_per_class}</source>
      <translation>MAX_PIXELS_PER_CLASS : doit valoir 0 (tous) ou plus ; valeur reçue : {max_pixels_per_class}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/supervised.py" line="154" />
      <source>held-out features: overall accuracy {overall:.4f}, kappa {kappa:.4f}</source>
      <translation>entités mises de côté : précision globale {overall:.4f}, kappa {kappa:.4f}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/supervised.py" line="138" />
      <source>random forest: {trees} trees on {n_pixels} pixels</source>
      <translation>forêt aléatoire : {trees} arbres sur {n_pixels} pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/torch_env.py" line="45" />
      <source>{why} needs PyTorch (the Python package 'torch'), which cannot be imported here. {install}. Then restart QGIS.</source>
      <translation>{why} a besoin de PyTorch (le paquet Python 'torch'), qui ne peut pas être importé ici. {install}. Redémarrez ensuite QGIS.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/train.py" line="77" />
      <source>epoch {epoch}/{epochs}: training {label} {train:.6g}</source>
      <translation>époque {epoch}/{epochs} : {label} d'entraînement {train:.6g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/train.py" line="80" />
      <source>epoch {epoch}/{epochs}: training {label} {train:.6g}, validation {label} {val:.6g}</source>
      <translation>époque {epoch}/{epochs} : {label} d'entraînement {train:.6g}, {label} de validation {val:.6g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/train.py" line="69" />
      <source>training diverged at epoch {epoch} ({label} {value}): lower LEARNING_RATE</source>
      <translation>l'entraînement a divergé à l'époque {epoch} ({label} {value}) : réduisez LEARNING_RATE</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="85" />
      <source>{parameter}: {path}: not a vector file GDAL can read, or it has no layers</source>
      <translation>{parameter} : {path} : pas un fichier vecteur lisible par GDAL, ou il n'a aucune couche</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="89" />
      <source>{parameter}: {path}: no layer named {layer_name!r}</source>
      <translation>{parameter} : {path} : aucune couche nommée {layer_name!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="139" />
      <source>{where}: no feature has both a geometry and a value in {class_field!r}</source>
      <translation>{where} : aucune entité n'a à la fois une géométrie et une valeur dans {class_field!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="147" />
      <source>{where}: no feature overlaps the raster {path} (after reprojection to its CRS)</source>
      <translation>{where} : aucune entité ne recouvre le raster {path} (après reprojection dans son SCR)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="218" />
      <source>VALIDATION_FRACTION: must be at least 0 and below 1, got {fraction}</source>
      <translation>VALIDATION_FRACTION : doit être supérieur ou égal à 0 et inférieur à 1 ; valeur reçue : {fraction}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="248" />
      <source>{parameter}: class(es) {classes} have no valid pixel in {path} (features outside the raster, on no-data, or overlapping others)</source>
      <translation>{parameter} : la ou les classes {classes} n'ont aucun pixel valide dans {path} (entités hors du raster, sur des pixels sans donnée ou superposées à d'autres)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="252" />
      <source>{parameter}: only one class ({name!r}); a classifier needs at least 2</source>
      <translation>{parameter} : une seule classe ({name!r}) ; un classifieur en demande au moins 2</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="82" />
      <source>{parameter}: {path}: not a vector file GDAL can read ({exc})</source>
      <translation>{parameter} : {path} : pas un fichier vecteur lisible par GDAL ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="108" />
      <source>{field_parameter}: {vector_path} has no field {class_field!r} (fields: {fields})</source>
      <translation>{field_parameter} : {vector_path} n'a pas de champ {class_field!r} (champs : {fields})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="137" />
      <source>{skipped} feature(s) without a class value or geometry were left out</source>
      <translation>{skipped} entité(s) sans valeur de classe ou sans géométrie ont été exclues</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="162" />
      <source>{n_overlap} pixel(s) covered by more than one feature were left out</source>
      <translation>{n_overlap} pixel(s) couverts par plus d'une entité ont été exclus</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="165" />
      <source>{empty} feature(s) cover no pixel of the raster and were left out</source>
      <translation>{empty} entité(s) ne couvrent aucun pixel du raster et ont été exclues</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/learn/training_data.py" line="265" />
      <source>class(es) {classes} have too few features to hold one out: they are not in the validation</source>
      <translation>la ou les classes {classes} ont trop peu d'entités pour en mettre une de côté : elles ne figurent pas dans la validation</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="93" />
      <source>recorded in the input's metadata, WATER_WINDOWS_NM</source>
      <translation>enregistrées dans les métadonnées de l'entrée, WATER_WINDOWS_NM</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="94" />
      <source>the default NEON windows</source>
      <translation>les fenêtres NEON par défaut</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="98" />
      <source>water-vapour windows {windows} nm ({source})</source>
      <translation>fenêtres de vapeur d'eau {windows} nm ({source})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="141" />
      <source>{n} band</source>
      <translation>{n} bande</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="141" />
      <source>{n} bands</source>
      <translation>{n} bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="190" />
      <source>{used}: no band is left after cleaning; together they remove all {n_bands} bands of the input{where}{covers}</source>
      <translation>{used} : aucune bande ne reste après le nettoyage ; ensemble, ces règles retirent les {n_bands} bandes de l'entrée{where}{covers}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="209" />
      <source>BAND_STEP: must be a whole number, 1 or more (1 keeps every band), got {step}</source>
      <translation>BAND_STEP : doit être un nombre entier supérieur ou égal à 1 (1 conserve toutes les bandes) ; valeur reçue : {step}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="214" />
      <source>DROP_FIRST + DROP_LAST = {drop_first} + {drop_last} removes all {n_bands} bands of the input{where}</source>
      <translation>DROP_FIRST + DROP_LAST = {drop_first} + {drop_last} retire les {n_bands} bandes de l'entrée{where}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="237" />
      <source>WAVELENGTH_MIN ({wavelength_min:g} nm) is above WAVELENGTH_MAX ({wavelength_max:g} nm)</source>
      <translation>WAVELENGTH_MIN ({wavelength_min:g} nm) est supérieur à WAVELENGTH_MAX ({wavelength_max:g} nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="305" />
      <source>OUTPUT: {output} is the input raster; inputs are never overwritten, choose another file</source>
      <translation>OUTPUT : {output} est le raster d'entrée ; les entrées ne sont jamais écrasées, choisissez un autre fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="345" />
      <source>{file}: {width} x {height} pixels, {count} bands, {what}</source>
      <translation>{file} : {width} x {height} pixels, {count} bandes, {what}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="48" />
      <source>{parameter}: {item!r} is not a window; write 'low-high' in nm separated by ';', e.g. 1340-1445;1790-1955, or '{no_windows}' for no windows</source>
      <translation>{parameter} : {item!r} n'est pas une fenêtre ; écrivez 'min-max' en nm, séparées par ';', p. ex. 1340-1445;1790-1955, ou '{no_windows}' pour aucune fenêtre</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="54" />
      <source>{parameter}: window {item!r} has its lower bound above its upper bound (did you mean {hi:g}-{lo:g}?)</source>
      <translation>{parameter} : la borne inférieure de la fenêtre {item!r} dépasse sa borne supérieure (vouliez-vous dire {hi:g}-{lo:g} ?)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="89" />
      <source>water-vapour windows {windows} nm (from {parameter})</source>
      <translation>fenêtres de vapeur d'eau {windows} nm (d'après {parameter})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="96" />
      <source>the input has no wavelengths, so the default water-vapour windows ({windows} nm) are skipped; only DROP_FIRST, DROP_LAST and BAND_STEP apply</source>
      <translation>l'entrée n'a pas de longueurs d'onde : les fenêtres de vapeur d'eau par défaut ({windows} nm) sont donc ignorées ; seuls DROP_FIRST, DROP_LAST et BAND_STEP s'appliquent</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="136" />
      <source>kept {n_kept} of {total}</source>
      <translation>{n_kept} conservée(s) sur {total}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="189" />
      <source> (its band centres span {low:g}-{high:g} nm)</source>
      <translation> (les centres de ses bandes couvrent {low:g}-{high:g} nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="212" />
      <source>{name}: must be a whole number, 0 or more, got {value}</source>
      <translation>{name} : doit être un nombre entier supérieur ou égal à 0 ; valeur reçue : {value}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="223" />
      <source>WATER_WINDOWS: window {lo:g}-{hi:g} has its lower bound above its upper bound</source>
      <translation>WATER_WINDOWS : la borne inférieure de la fenêtre {lo:g}-{hi:g} dépasse sa borne supérieure</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="228" />
      <source>{needing}: the input{where} has no wavelengths, and water-vapour windows and wavelength ranges need them (band 'wavelength' metadata, IMAGERY CENTRAL_WAVELENGTH_UM or an ENVI 'wavelength' list). Without wavelengths only DROP_FIRST, DROP_LAST and BAND_STEP work: set WATER_WINDOWS to '{no_windows}' (or leave it empty) and clear WAVELENGTH_MIN / WAVELENGTH_MAX</source>
      <translation>{needing} : l'entrée{where} n'a pas de longueurs d'onde, dont les fenêtres de vapeur d'eau et les intervalles de longueurs d'onde ont besoin (métadonnée de bande 'wavelength', IMAGERY CENTRAL_WAVELENGTH_UM ou liste 'wavelength' ENVI). Sans longueurs d'onde, seuls DROP_FIRST, DROP_LAST et BAND_STEP fonctionnent : mettez WATER_WINDOWS à '{no_windows}' (ou laissez-le vide) et videz WAVELENGTH_MIN / WAVELENGTH_MAX</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="344" />
      <source>no wavelengths</source>
      <translation>sans longueurs d'onde</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="355" />
      <source>EXTENT: {width} x {height} pixels from row {row0}, column {col0}</source>
      <translation>EXTENT : {width} x {height} pixels à partir de la ligne {row0}, colonne {col0}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="87" />
      <source>{parameter} {no_windows}: no water-vapour windows removed</source>
      <translation>{parameter} {no_windows} : aucune fenêtre de vapeur d'eau retirée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="255" />
      <source>note: water window {lo:g}-{hi:g} nm contains no band centre (the input covers {min:g}-{max:g} nm)</source>
      <translation>remarque : la fenêtre de vapeur d'eau {lo:g}-{hi:g} nm ne contient aucun centre de bande (l'entrée couvre {min:g}-{max:g} nm)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="258" />
      <source>water window {lo:g}-{hi:g} nm</source>
      <translation>fenêtre de vapeur d'eau {lo:g}-{hi:g} nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="261" />
      <source>below WAVELENGTH_MIN {wavelength_min:g} nm</source>
      <translation>sous WAVELENGTH_MIN {wavelength_min:g} nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="264" />
      <source>above WAVELENGTH_MAX {wavelength_max:g} nm</source>
      <translation>au-dessus de WAVELENGTH_MAX {wavelength_max:g} nm</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="129" />
      <source>removed {bands} ({why}: every {ordinal} remaining band kept)</source>
      <translation>{bands} retirée(s) ({why} : une bande restante sur {step} conservée)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/bands.py" line="132" />
      <source>removed {bands} ({why}): {ranges}</source>
      <translation>{bands} retirée(s) ({why}) : {ranges}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="162" />
      <source>INPUT: {path} has no valid pixel (all no-data)</source>
      <translation>INPUT : {path} n'a aucun pixel valide (tous sans donnée)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="337" />
      <source>{file}: its stored statistics give the range [{stored_lo:.9g}, {stored_hi:.9g}], its valid pixels [{lo:.9g}, {hi:.9g}]: scoring again with the pixels' range</source>
      <translation>{file} : ses statistiques enregistrées donnent l'étendue [{stored_lo:.9g}, {stored_hi:.9g}], ses pixels valides [{lo:.9g}, {hi:.9g}] : nouveau calcul des scores avec l'étendue des pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="119" />
      <source>{method} ({mode} thresholds): {n_valid} valid pixels of {total}, {n_unclassified} unclassified</source>
      <translation>{method} (seuils {mode}) : {n_valid} pixels valides sur {total}, {n_unclassified} non classés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="123" />
      <source>  relative mode: cube rescaled from [{low:.6g}, {high:.6g}] to 0-1</source>
      <translation>  mode relatif : cube ramené de [{low:.6g}, {high:.6g}] à 0-1</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="126" />
      <source>, limit {limit:.6g}</source>
      <translation>, limite {limit:.6g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="129" />
      <source>, limit {limit:.6g} (pysptools' guard: scores of 10 or more are never classified)</source>
      <translation>, limite {limit:.6g} (garde-fou de pysptools : les scores de 10 ou plus ne sont jamais classés)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_run.py" line="131" />
      <source>  {number} {name}: {n_pixels} pixels (score {low:.6g} to {high:.6g}{limit})</source>
      <translation>  {number} {name} : {n_pixels} pixels (score de {low:.6g} à {high:.6g}{limit})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_scores.py" line="39" />
      <source>THRESHOLD_MODE: {mode!r} is not one of {threshold_modes}</source>
      <translation>THRESHOLD_MODE : {mode!r} ne fait pas partie de {threshold_modes}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_scores.py" line="254" />
      <source>INPUT: every valid value of the raster is {lo}; relative thresholds rescale the cube by its range, which is empty. Use THRESHOLD_MODE=absolute</source>
      <translation>INPUT : toutes les valeurs valides du raster valent {lo} ; les seuils relatifs ramènent le cube à son étendue, qui est nulle. Utilisez THRESHOLD_MODE=absolute</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_scores.py" line="264" />
      <source>{parameter}: spectrum {zero} is all zeros{extra}; it has no spectral angle</source>
      <translation>{parameter} : le spectre {zero} est entièrement nul{extra} ; il n'a pas d'angle spectral</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_scores.py" line="275" />
      <source>{parameter}: spectrum {bad} is all zeros after rescaling the library to 0-1</source>
      <translation>{parameter} : le spectre {bad} est entièrement nul après la mise à l'échelle 0-1 de la bibliothèque</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_scores.py" line="263" />
      <source> after rescaling the library to 0-1 (relative mode)</source>
      <translation> après la mise à l'échelle 0-1 de la bibliothèque (mode relatif)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_thresholds.py" line="33" />
      <source>{parameter}: {n_values} values for {n_classes} classes ({classes}); give one value for all classes or exactly one per class, in the order of the classes</source>
      <translation>{parameter} : {n_values} valeurs pour {n_classes} classes ({classes}) ; donnez une valeur pour toutes les classes ou exactement une par classe, dans l'ordre des classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_thresholds.py" line="84" />
      <source>relative thresholds need the score range of at least one valid pixel</source>
      <translation>les seuils relatifs ont besoin de l'étendue des scores d'au moins un pixel valide</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_thresholds.py" line="29" />
      <source>{parameter}: expected numbers, got {thresholds!r}</source>
      <translation>{parameter} : des nombres étaient attendus ; valeur reçue : {thresholds!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_thresholds.py" line="39" />
      <source>{parameter}: {value} is not a valid threshold (it must be a number &gt;= 0)</source>
      <translation>{parameter} : {value} n'est pas un seuil valide (il doit être un nombre &gt;= 0)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_thresholds.py" line="42" />
      <source>{parameter}: {value} is over 1; in relative mode a threshold is a fraction of the score range (0 to 1, as in pysptools). Use THRESHOLD_MODE=absolute for radians</source>
      <translation>{parameter} : {value} dépasse 1 ; en mode relatif, un seuil est une fraction de l'étendue des scores (de 0 à 1, comme dans pysptools). Utilisez THRESHOLD_MODE=absolute pour des radians</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/classify_thresholds.py" line="46" />
      <source>{parameter}: {value} is over 1; in relative mode a threshold is a fraction of the score range (0 to 1, as in pysptools). Use THRESHOLD_MODE=absolute for divergence values</source>
      <translation>{parameter} : {value} dépasse 1 ; en mode relatif, un seuil est une fraction de l'étendue des scores (de 0 à 1, comme dans pysptools). Utilisez THRESHOLD_MODE=absolute pour des valeurs de divergence</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="219" />
      <source>{where}: {n} valid pixels of {total}, {n_keep} bands; mean noise standard deviation {noise:.4g} (mean spectrum {mean:.4g})</source>
      <translation>{where} : {n} pixels valides sur {total}, {n_keep} bandes ; écart-type moyen du bruit {noise:.4g} (spectre moyen {mean:.4g})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="135" />
      <source>{where}: the bands are linearly dependent (a band is an exact combination of others, e.g. duplicated or derived bands), so no band has a noise of its own to estimate; remove such bands first</source>
      <translation>{where} : les bandes sont linéairement dépendantes (une bande est une combinaison exacte d'autres bandes, p. ex. des bandes dupliquées ou dérivées) : aucune bande n'a donc de bruit propre à estimer ; retirez d'abord ces bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="146" />
      <source>{where}: band(s) {exact} are predicted exactly by the other bands (no noise of their own: duplicated or derived bands, or noise-free data); HySime's noise estimate needs independent noise in every band</source>
      <translation>{where} : la ou les bandes {exact} sont prédites exactement par les autres bandes (pas de bruit propre : bandes dupliquées ou dérivées, ou données sans bruit) ; l'estimation du bruit de HySime demande un bruit indépendant dans chaque bande</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="180" />
      <source>{where} has {n_bands} band(s); estimating a number of endmembers needs at least {min_bands} bands</source>
      <translation>{where} a {n_bands} bande(s) ; estimer un nombre d'endmembers demande au moins {min_bands} bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="184" />
      <source>{where} has {n_pixels} valid pixel(s){seen} for {n_bands} bands; the noise estimate (a regression of each band on the others) needs more valid pixels than bands (at least {min_pixels}, and many more for a stable estimate); pixels that are no-data or NaN in any band do not count</source>
      <translation>{where} a {n_pixels} pixel(s) valide(s){seen} pour {n_bands} bandes ; l'estimation du bruit (une régression de chaque bande sur les autres) demande plus de pixels valides que de bandes (au moins {min_pixels}, et bien davantage pour une estimation stable) ; les pixels sans donnée ou NaN dans une bande quelconque ne comptent pas</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="197" />
      <source>false-alarm rates must be in (0, 0.5), got {far}</source>
      <translation>les taux de fausse alarme doivent être dans (0, 0.5) ; valeur reçue : {far}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="205" />
      <source>{where}: {dropped} band(s) are 0 in every valid pixel and are left out</source>
      <translation>{where} : {dropped} bande(s) valent 0 dans tous les pixels valides et sont exclues</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="208" />
      <source>{where}: only {n} valid pixels for {n_keep} bands; below about 10 pixels per band the noise estimate, and so every count, is unstable</source>
      <translation>{where} : seulement {n} pixels valides pour {n_keep} bandes ; en dessous d'environ 10 pixels par bande, l'estimation du bruit, et donc chaque décompte, est instable</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/endmember_count.py" line="183" />
      <source> of {total}</source>
      <translation> sur {total}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="213" />
      <source>k-means: fitting {n_clusters} clusters on {n_sample} of {n_valid} valid pixels ({count} bands)</source>
      <translation>k-means : ajustement de {n_clusters} classes sur {n_sample} des {n_valid} pixels valides ({count} bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="244" />
      <source>k-means: {status} after {iterations} iteration(s); within-cluster sum of squares {inertia:.6g}</source>
      <translation>k-means : {status} après {iterations} itération(s) ; somme des carrés intra-classes {inertia:.6g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="431" />
      <source>k-means: labelled {n_labelled} valid pixels ({summary})</source>
      <translation>k-means : {n_labelled} pixels valides étiquetés ({summary})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="126" />
      <source>CLUSTERS: k-means needs at least 2 clusters, got {n_clusters}</source>
      <translation>CLUSTERS : k-means demande au moins 2 classes ; valeur reçue : {n_clusters}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="128" />
      <source>CLUSTERS: at most 65535 clusters, got {n_clusters}</source>
      <translation>CLUSTERS : au plus 65535 classes ; valeur reçue : {n_clusters}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="130" />
      <source>MAX_ITER: must be 1 or more, got {max_iter}</source>
      <translation>MAX_ITER : doit être supérieur ou égal à 1 ; valeur reçue : {max_iter}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="132" />
      <source>SAMPLE_SIZE: must be 0 (all valid pixels) or a positive number of pixels, got {sample_size}</source>
      <translation>SAMPLE_SIZE : doit valoir 0 (tous les pixels valides) ou un nombre positif de pixels ; valeur reçue : {sample_size}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="143" />
      <source>{parameter}: {path} has {n_spectra} centres ({names}) but CLUSTERS is {n_clusters}; set CLUSTERS to {n_spectra} to resume that run</source>
      <translation>{parameter} : {path} a {n_spectra} centres ({names}) mais CLUSTERS vaut {n_clusters} ; mettez CLUSTERS à {n_spectra} pour reprendre cette exécution</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="168" />
      <source>START_CENTERS: expected {n_clusters} centres of {n_bands} bands, got an array of shape {shape}</source>
      <translation>START_CENTERS : {n_clusters} centres de {n_bands} bandes étaient attendus ; reçu un tableau de forme {shape}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="172" />
      <source>START_CENTERS: the centres contain non-finite values</source>
      <translation>START_CENTERS : les centres contiennent des valeurs non finies</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="190" />
      <source>SAMPLE_SIZE: 0 (all valid pixels) would hold {gb:.1f} GB of pixels of {path} in memory; give a sample size instead (e.g. {default_sample_size}): every pixel is still labelled</source>
      <translation>SAMPLE_SIZE : 0 (tous les pixels valides) garderait en mémoire {gb:.1f} Go de pixels de {path} ; indiquez plutôt une taille d'échantillon (p. ex. {default_sample_size}) : chaque pixel reste étiqueté</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="203" />
      <source>{parameter}: {path}: every pixel is no-data; nothing to cluster</source>
      <translation>{parameter} : {path} : tous les pixels sont sans donnée ; rien à classer</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="206" />
      <source>CLUSTERS: {n_clusters} clusters but {path} has only {n_valid} valid pixel(s)</source>
      <translation>CLUSTERS : {n_clusters} classes, mais {path} n'a que {n_valid} pixel(s) valide(s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="210" />
      <source>SAMPLE_SIZE: the sample holds {n_sample} valid pixels, fewer than the {n_clusters} CLUSTERS; use a larger sample (or 0 for all valid pixels)</source>
      <translation>SAMPLE_SIZE : l'échantillon contient {n_sample} pixels valides, moins que les {n_clusters} CLUSTERS ; utilisez un échantillon plus grand (ou 0 pour tous les pixels valides)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="229" />
      <source>k-means: starting from the given centres (START_CENTERS)</source>
      <translation>k-means : départ des centres fournis (START_CENTERS)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="429" />
      <source>k-means: {name} has no pixel (the data has fewer distinct spectra than CLUSTERS)</source>
      <translation>k-means : {name} n'a aucun pixel (les données ont moins de spectres distincts que CLUSTERS)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="245" />
      <source>converged</source>
      <translation>convergé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/kmeans.py" line="245" />
      <source>stopped at MAX_ITER</source>
      <translation>arrêté à MAX_ITER</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="244" />
      <source>N-FINDR: initial simplex ({init}), volume {volume:.6g}</source>
      <translation>N-FINDR : simplexe initial ({init}), volume {volume:.6g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="614" />
      <source>N-FINDR: {n_valid} valid pixels of {n_pixels} projected on {n_components} principal component(s) ({percent:.2f}% of the variance)</source>
      <translation>N-FINDR : {n_valid} pixels valides sur {n_pixels} projetés sur {n_components} composante(s) principale(s) ({percent:.2f} % de la variance)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="115" />
      <source>{parameter}: N-FINDR needs at least 2 endmembers, got {count}</source>
      <translation>{parameter} : N-FINDR demande au moins 2 endmembers ; valeur reçue : {count}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="117" />
      <source>{parameter}: {count} endmembers but {where} has only {n_bands} bands; ask for at most {n_bands}</source>
      <translation>{parameter} : {count} endmembers, mais {where} n'a que {n_bands} bandes ; demandez-en au plus {n_bands}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="223" />
      <source>{count} endmembers but only {n_valid} valid pixels</source>
      <translation>{count} endmembers, mais seulement {n_valid} pixels valides</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="226" />
      <source>MAX_ITER: must be at least 1, got {max_iter}</source>
      <translation>MAX_ITER : doit valoir au moins 1 ; valeur reçue : {max_iter}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="279" />
      <source>{parameter}: {count} endmembers but {path} has only {n} valid pixels</source>
      <translation>{parameter} : {count} endmembers, mais {path} n'a que {n} pixels valides</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="314" />
      <source>PCA_FIT: {value!r} is not one of {choices}</source>
      <translation>PCA_FIT : {value!r} ne fait pas partie de {choices}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="322" />
      <source>PCA_SAMPLE_SIZE: must be a positive number of pixels (e.g. {default}), got {value!r}</source>
      <translation>PCA_SAMPLE_SIZE : doit être un nombre positif de pixels (par ex. {default}), reçu {value!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="519" />
      <source>N-FINDR: the PCA sample ({n} valid pixels in {rows} rows) does not span {d} direction(s); fitting the principal axes on every valid pixel instead (PCA_FIT=exact)</source>
      <translation>N-FINDR : l'échantillon de l'ACP ({n} pixels valides sur {rows} lignes) ne couvre pas {d} direction(s) ; les axes principaux sont ajustés sur tous les pixels valides à la place (PCA_FIT=exact)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="588" />
      <source>MAX_ITER: must be at least 1 (or empty for 3 x {parameter} = {default})</source>
      <translation>MAX_ITER : doit valoir au moins 1 (ou vide pour 3 x {parameter} = {default})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="592" />
      <source>INITIALIZATION: {init!r} is not one of {inits}</source>
      <translation>INITIALIZATION : {init!r} ne fait pas partie de {inits}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="603" />
      <source>N-FINDR: principal components {last} and {next} hold nearly the same variance ({gap:.1f} % apart), so the last axis is set by small differences between pixels: the endmember it adds can differ from the exact fit's (PCA_FIT=exact). Fewer endmembers may suit the data (hyspec:endmembercount)</source>
      <translation>N-FINDR : les composantes principales {last} et {next} portent presque la même variance ({gap:.1f} % d'écart) ; le dernier axe dépend donc de petites différences entre pixels, et le pôle de mélange qu'il ajoute peut différer de celui de l'ajustement exact (PCA_FIT=exact). Moins de pôles de mélange conviendraient peut-être aux données (hyspec:endmembercount)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="609" />
      <source>N-FINDR: principal axes fitted on a sample of {n_fit} valid pixels in {fit_rows} of {height} rows (whole row blocks drawn with SEED {seed}; PCA_FIT=exact fits them on every valid pixel, with one more read of the file)</source>
      <translation>N-FINDR : axes principaux ajustés sur un échantillon de {n_fit} pixels valides dans {fit_rows} lignes sur {height} (blocs de lignes entiers tirés avec SEED {seed} ; PCA_FIT=exact les ajuste sur tous les pixels valides, au prix d'une lecture de plus du fichier)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="639" />
      <source>N-FINDR: {count} endmembers after {sweeps} iteration(s), simplex volume {volume:.6g}</source>
      <translation>N-FINDR : {count} endmembers après {sweeps} itération(s), volume du simplexe {volume:.6g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="654" />
      <source>{file}: {width} x {height} pixels, {count} bands; {endmembers} endmembers, at most {max_iter} iterations, {init} start, PCA fitted on {fitted_on}</source>
      <translation>{file} : {width} x {height} pixels, {count} bandes ; {endmembers} pôles de mélange, au plus {max_iter} itérations, départ {init}, ACP ajustée sur {fitted_on}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="285" />
      <source>{parameter}: the valid pixels of {path} vary in only {rank} independent direction(s); {count} endmembers need {dims}. Ask for at most {max_count} endmembers</source>
      <translation>{parameter} : les pixels valides de {path} ne varient que dans {rank} direction(s) indépendante(s) ; {count} endmembers en demandent {dims}. Demandez au plus {max_count} endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="652" />
      <source>every valid pixel</source>
      <translation>tous les pixels valides</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="653" />
      <source>about {n} pixels</source>
      <translation>environ {n} pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="244" />
      <source>given</source>
      <translation>fourni</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="261" />
      <source>N-FINDR iteration {it}: simplex volume {volume:.6g} (1 vertex replaced)</source>
      <translation>N-FINDR itération {it} : volume du simplexe {volume:.6g} (1 sommet remplacé)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/nfindr.py" line="264" />
      <source>N-FINDR iteration {it}: simplex volume {volume:.6g} ({replaced} vertices replaced)</source>
      <translation>N-FINDR itération {it} : volume du simplexe {volume:.6g} ({replaced} sommets remplacés)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/pca.py" line="128" />
      <source>PCA: {n} valid pixels of {total}, {count} bands; keeping {n_components} component(s) ({percent:.3f} % of the variance; {how})</source>
      <translation>ACP : {n} pixels valides sur {total}, {count} bandes ; {n_components} composante(s) conservée(s) ({percent:.3f} % de la variance ; {how})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/pca.py" line="39" />
      <source>VARIANCE_FRACTION: must be in (0, 1] (e.g. 0.999 keeps 99.9 % of the variance), got {variance_fraction}</source>
      <translation>VARIANCE_FRACTION : doit être dans (0, 1] (p. ex. 0.999 conserve 99.9 % de la variance) ; valeur reçue : {variance_fraction}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/pca.py" line="43" />
      <source>COMPONENTS: must be 0 (choose by VARIANCE_FRACTION) or a positive number, got {n_components}</source>
      <translation>COMPONENTS : doit valoir 0 (choix selon VARIANCE_FRACTION) ou un nombre positif ; valeur reçue : {n_components}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/pca.py" line="46" />
      <source>COMPONENTS: {n_components} components asked for, but the input{where} has only {n_bands} bands</source>
      <translation>COMPONENTS : {n_components} composantes demandées, mais l'entrée{where} n'a que {n_bands} bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix.py" line="132" />
      <source>{parameter}: {path} with {endmembers}</source>
      <translation>{parameter} : {path} avec {endmembers}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix.py" line="57" />
      <source>{where}: {n_spectra} endmembers but {path} has only {count} bands; unmixing needs at most as many endmembers as bands</source>
      <translation>{where} : {n_spectra} endmembers, mais {path} n'a que {count} bandes ; le démélange demande au plus autant d'endmembers que de bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix.py" line="169" />
      <source>{file}: {width} x {height} pixels, {count} bands; {n_spectra} endmembers from {csv_file} ({n_bands} CSV rows used): {names}</source>
      <translation>{file} : {width} x {height} pixels, {count} bandes ; {n_spectra} endmembers d'après {csv_file} ({n_bands} lignes du CSV utilisées) : {names}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix.py" line="180" />
      <source>mean abundance over {n_valid} valid pixels ({method}):</source>
      <translation>abondance moyenne sur {n_valid} pixels valides ({method}) :</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix.py" line="154" />
      <source>{parameter}: {path} has no valid pixel (all no-data) in the window</source>
      <translation>{parameter} : {path} n'a aucun pixel valide (tous sans donnée) dans la fenêtre</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix.py" line="186" />
      <source>mean reconstruction RMSE: {mean_rmse:.5g}</source>
      <translation>RMSE moyenne de reconstruction : {mean_rmse:.5g}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix_solve.py" line="83" />
      <source>{parameter}: expected a (bands, endmembers) matrix, got shape {shape}</source>
      <translation>{parameter} : une matrice (bandes, endmembers) était attendue ; reçu la forme {shape}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix_solve.py" line="89" />
      <source>{parameter}: non-finite values in endmember {bad}</source>
      <translation>{parameter} : valeurs non finies dans l'endmember {bad}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix_solve.py" line="91" />
      <source>{parameter}: {n_endmembers} endmembers but only {n_bands} bands; unmixing needs at most as many endmembers as bands</source>
      <translation>{parameter} : {n_endmembers} endmembers, mais seulement {n_bands} bandes ; le démélange demande au plus autant d'endmembers que de bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix_solve.py" line="96" />
      <source>{parameter}: the endmembers {names} are linearly dependent (a spectrum is a combination of the others, or all zero), so {method} abundances are not unique; remove the redundant endmember</source>
      <translation>{parameter} : les endmembers {names} sont linéairement dépendants (un spectre est une combinaison des autres, ou entièrement nul) : les abondances {method} ne sont donc pas uniques ; retirez l'endmember redondant</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/methods/unmix_solve.py" line="287" />
      <source>{prefix}pixel values are about {ratio:.3g} times the scale of the endmember spectra; FCLS (abundances that sum to one) needs both on the same scale (e.g. reflectance 0-1 for both). Check the raster's scale factor, or use METHOD=NNLS or UCLS, whose abundances follow the pixels' scale</source>
      <translation>{prefix}les valeurs des pixels sont environ {ratio:.3g} fois l'échelle des spectres des endmembers ; FCLS (abondances de somme égale à un) demande la même échelle pour les deux (p. ex. une réflectance 0-1 pour les deux). Vérifiez le facteur d'échelle du raster, ou utilisez METHOD=NNLS ou UCLS, dont les abondances suivent l'échelle des pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="45" />
      <source>SITE: {site!r} is not a NEON site code (four letters, e.g. SERC, HARV)</source>
      <translation>SITE : {site!r} n'est pas un code de site NEON (quatre lettres, p. ex. SERC, HARV)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="53" />
      <source>PRODUCT: {choice!r} is not one of {reflectance}, {products}</source>
      <translation>PRODUCT : {choice!r} ne fait pas partie de {reflectance}, {products}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="96" />
      <source>{what}: the API's answer has no 'data' object (is API_URL the NEON Data API?)</source>
      <translation>{what} : la réponse de l'API n'a pas d'objet 'data' (API_URL est-il bien la NEON Data API ?)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="138" />
      <source>SITE {site}: the API gives no coordinates for the site</source>
      <translation>SITE {site} : l'API ne donne pas de coordonnées pour le site</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="110" />
      <source>PRODUCT: the NEON Data API does not know {product} ({detail})</source>
      <translation>PRODUCT : la NEON Data API ne connaît pas {product} ({detail})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="132" />
      <source>SITE: {site} is not a NEON site ({detail})</source>
      <translation>SITE : {site} n'est pas un site NEON ({detail})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="147" />
      <source>TOKEN: the NEON Data API refused the file list of {what} (HTTP {code}{detail}). Downloads need a valid API token: set TOKEN or the environment variable NEON_API_TOKEN (a NEON user account gives one: My Account, API Token)</source>
      <translation>TOKEN : la NEON Data API a refusé la liste des fichiers de {what} (HTTP {code}{detail}). Les téléchargements demandent un jeton d'API valide : renseignez TOKEN ou la variable d'environnement NEON_API_TOKEN (un compte utilisateur NEON en fournit un : My Account, API Token)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="161" />
      <source>{what}: the API gives no size for {name}</source>
      <translation>{what} : l'API ne donne pas de taille pour {name}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/api.py" line="165" />
      <source>{what}: {name}: {exc}</source>
      <translation>{what} : {name} : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/checksum.py" line="214" />
      <source>crc32c {got} instead of {expected}</source>
      <translation>crc32c {got} au lieu de {expected}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/checksum.py" line="218" />
      <source>md5 {got} instead of {expected}</source>
      <translation>md5 {got} au lieu de {expected}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="218" />
      <source>{name}: {why}; asking the API for a new URL</source>
      <translation>{name} : {why} ; demande d'une nouvelle URL à l'API</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="116" />
      <source>{name}: failed its check ({problems}); deleted, {more}</source>
      <translation>{name} : échec de la vérification ({problems}) ; supprimé, {more}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="118" />
      <source>{name}: failed its check twice ({problems}); deleted</source>
      <translation>{name} : deux échecs de la vérification ({problems}) ; supprimé</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="139" />
      <source>{name}: resuming at {mb:.1f} MB of {total_mb:.1f} MB</source>
      <translation>{name} : reprise à {mb:.1f} Mo sur {total_mb:.1f} Mo</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="202" />
      <source>{name}: {reason} at {mb:.1f} MB of {total_mb:.1f} MB; resuming</source>
      <translation>{name} : {reason} à {mb:.1f} Mo sur {total_mb:.1f} Mo ; reprise</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="216" />
      <source>{name}: {url}: {why}, again after asking the API for a new URL twice</source>
      <translation>{name} : {url} : {why}, de nouveau après avoir demandé deux fois une nouvelle URL à l'API</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="91" />
      <source>{size} bytes instead of {expected}</source>
      <translation>{size} octets au lieu de {expected}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="115" />
      <source>downloading it again</source>
      <translation>nouveau téléchargement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="115" />
      <source>giving up</source>
      <translation>abandon</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="199" />
      <source>{name}: the transfer broke off {drops} times ({reason}); the {mb:.1f} MB received are kept and the next run resumes them</source>
      <translation>{name} : le transfert s'est interrompu {drops} fois ({reason}) ; les {mb:.1f} Mo reçus sont conservés et la prochaine exécution les reprendra</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="149" />
      <source>its URL has expired</source>
      <translation>son URL a expiré</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="175" />
      <source>{name}: the server ignored the Range request; starting again from the first byte</source>
      <translation>{name} : le serveur a ignoré la requête Range ; nouveau départ au premier octet</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="192" />
      <source>the connection closed early</source>
      <translation>la connexion s'est fermée prématurément</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="205" />
      <source>{name}: no bytes received</source>
      <translation>{name} : aucun octet reçu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="164" />
      <source>{name}: the server refused to resume (HTTP 416); starting again</source>
      <translation>{name} : le serveur a refusé la reprise (HTTP 416) ; nouveau départ</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="173" />
      <source>{name}: {url} ignores Range requests and the transfer keeps breaking off</source>
      <translation>{name} : {url} ignore les requêtes Range et le transfert ne cesse de s'interrompre</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="156" />
      <source>HTTP {code} (an expired URL)</source>
      <translation>HTTP {code} (une URL expirée)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/download.py" line="180" />
      <source>{name}: asked for bytes from {offset}, {url} sent {content_range!r}</source>
      <translation>{name} : octets demandés à partir de {offset}, {url} a envoyé {content_range!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="132" />
      <source>API_URL: {api_url!r} is not an http(s) URL</source>
      <translation>API_URL : {api_url!r} n'est pas une URL http(s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="163" />
      <source>{why}: waiting {seconds:.3g} s</source>
      <translation>{why} : attente de {seconds:.3g} s</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="182" />
      <source>{url}: rate limit reached (X-RateLimit-Remaining 0, full reset in {reset:g} s)</source>
      <translation>{url} : limite de débit atteinte (X-RateLimit-Remaining 0, réinitialisation complète dans {reset:g} s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="184" />
      <source>{url}: rate limit reached (X-RateLimit-Remaining 0)</source>
      <translation>{url} : limite de débit atteinte (X-RateLimit-Remaining 0)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="243" />
      <source>{what}: {last} (try {failures} of {attempts})</source>
      <translation>{what} : {last} (essai {failures} sur {attempts})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="225" />
      <source>HTTP {code} (rate limit)</source>
      <translation>HTTP {code} (limite de débit)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="231" />
      <source>{reason}: {detail}</source>
      <translation>{reason} : {detail}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="239" />
      <source>{what}: {url} failed {failures} times, last: {last}. Check the network connection (and the API_URL) or try again later</source>
      <translation>{what} : {url} a échoué {failures} fois, en dernier : {last}. Vérifiez la connexion réseau (et API_URL) ou réessayez plus tard</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="260" />
      <source>{what}: answer cut off</source>
      <translation>{what} : réponse interrompue</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="216" />
      <source>{what}: {url} answered HTTP {code} ({detail})</source>
      <translation>{what} : {url} a répondu HTTP {code} ({detail})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="218" />
      <source>{what}: {url} answered HTTP {code}</source>
      <translation>{what} : {url} a répondu HTTP {code}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="268" />
      <source>{what}: {url} did not answer JSON (it begins {text!r}); is API_URL the NEON Data API?</source>
      <translation>{what} : {url} n'a pas répondu en JSON (la réponse commence par {text!r}) ; API_URL est-il bien la NEON Data API ?</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="227" />
      <source>{what}: {url} answered {reason} and asks to wait {asked:g} s, longer than this run waits ({max_wait:g} s); try again later</source>
      <translation>{what} : {url} a répondu {reason} et demande d'attendre {asked:g} s, plus que cette exécution n'attend ({max_wait:g} s) ; réessayez plus tard</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/http.py" line="257" />
      <source>{what}: {url}: the answer was cut off {failures} times ({error_type})</source>
      <translation>{what} : {url} : la réponse a été interrompue {failures} fois ({error_type})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="176" />
      <source>{code} ({title}) at {site}, {year} ({months}), EPSG:{epsg}: {files} for the area (buffer {buffer:g} m), {total} in total</source>
      <translation>{code} ({title}) à {site}, {year} ({months}), EPSG:{epsg} : {files} pour la zone (tampon de {buffer:g} m), {total} au total</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="222" />
      <source>To download: {files}, {needed}{resumed}{kept}; checksums with {backend}</source>
      <translation>À télécharger : {files}, {needed}{resumed}{kept} ; sommes de contrôle avec {backend}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="272" />
      <source>{n_failed} of {n_files} files could not be downloaded ({how}): {reasons}. {good} checked files are in OUTPUT_FOLDER; run again to resume the others.</source>
      <translation>{n_failed} fichiers sur {n_files} n'ont pas pu être téléchargés ({how}) : {reasons}. {good} fichiers vérifiés sont dans OUTPUT_FOLDER ; relancez pour reprendre les autres.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="70" />
      <source>{n} file</source>
      <translation>{n} fichier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="70" />
      <source>{n} files</source>
      <translation>{n} fichiers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="74" />
      <source>PRODUCT / SITE / YEAR: {products} has no data at {site} in {year}.</source>
      <translation>PRODUCT / SITE / YEAR : {products} n'a pas de données à {site} en {year}.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="118" />
      <source>{code} {site} {month}: {n_files} files ({release})</source>
      <translation>{code} {site} {month} : {n_files} fichiers ({release})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="122" />
      <source>PRODUCT: {code} at {site} in {months} lists no tile data files ({n_other} other files: {names})</source>
      <translation>PRODUCT : {code} à {site} en {months} ne liste aucun fichier de données de dalle ({n_other} autres fichiers : {names})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="141" />
      <source>YEAR: {year!r} is not a year of NEON flights (2013 on)</source>
      <translation>YEAR : {year!r} n'est pas une année de vols NEON (à partir de 2013)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="144" />
      <source>TOKEN: the token holds spaces or characters a NEON token cannot have (copied with quotes or a line break?)</source>
      <translation>TOKEN : le jeton contient des espaces ou des caractères qu'un jeton NEON ne peut pas avoir (copié avec des guillemets ou un saut de ligne ?)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="153" />
      <source>No API token (TOKEN or NEON_API_TOKEN): NEON's data endpoint refuses file lists without one</source>
      <translation>Pas de jeton d'API (TOKEN ou NEON_API_TOKEN) : le point d'accès aux données de NEON refuse les listes de fichiers sans jeton</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="169" />
      <source>AREA: no {code} tile at {site} in {year} meets the area (buffer {buffer:g} m; x {x0:.0f}-{x1:.0f}, y {y0:.0f}-{y1:.0f} in EPSG:{epsg}). The site's tiles: {tiles} (lower-left corners, 1 km tiles)</source>
      <translation>AREA : aucune dalle {code} à {site} en {year} n'atteint la zone (tampon de {buffer:g} m ; x {x0:.0f}-{x1:.0f}, y {y0:.0f}-{y1:.0f} en EPSG:{epsg}). Les dalles du site : {tiles} (coins inférieurs gauches, dalles de 1 km)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="180" />
      <source>{km2} km² of the area (1 km cells) lie outside the site's {year} tiles</source>
      <translation>{km2} km² de la zone (cellules de 1 km) sont hors des dalles {year} du site</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="219" />
      <source> ({size} already received are resumed)</source>
      <translation> ({size} déjà reçus sont repris)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="220" />
      <source>; {n_complete} already complete (checked), {size}</source>
      <translation> ; {n_complete} déjà complets (vérifiés), {size}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="226" />
      <source>OUTPUT_FOLDER: {folder} has {free} free, the download needs {needed}</source>
      <translation>OUTPUT_FOLDER : {folder} a {free} de libre, le téléchargement demande {needed}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="261" />
      <source>Downloaded {size} in {seconds:.0f} s ({rate:.1f} MB/s)</source>
      <translation>{size} téléchargés en {seconds:.0f} s ({rate:.1f} Mo/s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="150" />
      <source>TOKEN: the token expired on {day}; create a new one in your NEON user account (My Account, API Token)</source>
      <translation>TOKEN : le jeton a expiré le {day} ; créez-en un nouveau dans votre compte utilisateur NEON (My Account, API Token)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="201" />
      <source>{name}: no longer listed by the API for {site} {month}</source>
      <translation>{name} : n'est plus listé par l'API pour {site} {month}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="210" />
      <source>{name}: the file in the folder does not match NEON's ({problems}); deleted, downloading it again</source>
      <translation>{name} : le fichier du dossier ne correspond pas à celui de NEON ({problems}) ; supprimé, nouveau téléchargement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="235" />
      <source>[{number}/{n_files}] {name}: already complete (size and checksum checked)</source>
      <translation>[{number}/{n_files}] {name} : déjà complet (taille et somme de contrôle vérifiées)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="252" />
      <source>size only: the API gives no checksum</source>
      <translation>taille seulement : l'API ne donne pas de somme de contrôle</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="254" />
      <source>[{number}/{n_files}] {name}: {size} downloaded and checked ({checked})</source>
      <translation>[{number}/{n_files}] {name} : {size} téléchargés et vérifiés ({checked})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="257" />
      <source>[{number}/{n_files}] {name}: {message}</source>
      <translation>[{number}/{n_files}] {name} : {message}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="78" />
      <source>{site} has {availability}.</source>
      <translation>{site} a {availability}.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="81" />
      <source>{product} has no data at {site}; sites with data: {sites}. Aquatic and some small sites are flown inside a nearby terrestrial site's box and published under that site's code.</source>
      <translation>{product} n'a pas de données à {site} ; sites avec des données : {sites}. Les sites aquatiques et certains petits sites sont survolés dans l'emprise d'un site terrestre voisin et publiés sous le code de ce site.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="100" />
      <source>{product} has no data at {site} in {year}; using {code}</source>
      <translation>{product} n'a pas de données à {site} en {year} ; utilisation de {code}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="115" />
      <source>{name} is published for {other} and {month}; taking {month}</source>
      <translation>{name} est publié pour {other} et {month} ; {month} est retenu</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="265" />
      <source>every other file was tried</source>
      <translation>tous les autres fichiers ont été essayés</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/neonapi/plan.py" line="249" />
      <source>stopped after two files in a row failed</source>
      <translation>arrêt après deux échecs consécutifs</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/chains.py" line="161" />
      <source>CLUSTERS: {k} clusters but the site sample holds only {n_scores} pixels</source>
      <translation>CLUSTERS : {k} classes, mais l'échantillon du site ne contient que {n_scores} pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/chains.py" line="58" />
      <source>CHAIN: {chain!r} is not one of {chains}</source>
      <translation>CHAIN : {chain!r} ne fait pas partie de {chains}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/chains.py" line="64" />
      <source>ENDMEMBERS_COUNT: N-FINDR needs at least 2 endmembers, got {endmembers}</source>
      <translation>ENDMEMBERS_COUNT : N-FINDR demande au moins 2 endmembers ; valeur reçue : {endmembers}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/chains.py" line="77" />
      <source>SID_THRESHOLDS: expected numbers separated by commas, got {sid_thresholds!r}</source>
      <translation>SID_THRESHOLDS : des nombres séparés par des virgules étaient attendus ; valeur reçue : {sid_thresholds!r}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="214" />
      <source>site: {n_done} tile(s) done, {n_skipped} already complete, {n_failed} failed; report {md}</source>
      <translation>site : {n_done} dalle(s) traitée(s), {n_skipped} déjà complète(s), {n_failed} en échec ; rapport {md}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="293" />
      <source>site: model {mid} saved to {path}</source>
      <translation>site : modèle {mid} enregistré dans {path}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="84" />
      <source>SAMPLE_SIZE: must be a whole number of pixels, 1 or more, got {sample_size}</source>
      <translation>SAMPLE_SIZE : doit être un nombre entier de pixels, supérieur ou égal à 1 ; valeur reçue : {sample_size}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="87" />
      <source>SEED: must be 0 or a positive whole number, got {seed}</source>
      <translation>SEED : doit être 0 ou un nombre entier positif ; valeur reçue : {seed}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="89" />
      <source>WORKERS: must be 0 (this process only) or a positive number, got {workers}</source>
      <translation>WORKERS : doit valoir 0 (ce processus seulement) ou un nombre positif ; valeur reçue : {workers}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="99" />
      <source>its coordinate system differs from the first tile's ({first}); process one CRS per run</source>
      <translation>son système de coordonnées diffère de celui de la première dalle ({first}) ; traitez un seul SCR par exécution</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="102" />
      <source>its pixel size or rotation {geotransform} differs from the first tile's ({first})</source>
      <translation>sa taille de pixel ou sa rotation {geotransform} diffère de celle de la première dalle ({first})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="122" />
      <source>OUTPUT_FOLDER: {folder} is a file, not a folder</source>
      <translation>OUTPUT_FOLDER : {folder} est un fichier, pas un dossier</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="142" />
      <source>site: {n_paths} tile(s), {n_infos} readable; chain {chain}; folder {folder}</source>
      <translation>site : {n_paths} dalle(s), {n_infos} lisible(s) ; chaîne {chain} ; dossier {folder}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="146" />
      <source>INPUTS: no tile could be sampled, so no site model was fitted: {failures}</source>
      <translation>INPUTS : aucune dalle n'a pu être échantillonnée, aucun modèle de site n'a donc été ajusté : {failures}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="227" />
      <source>site [sample]: drawing about {n_candidates} candidate pixels from {n_good} tile(s) (each valid pixel with probability {probability:.4g})</source>
      <translation>site [échantillon] : tirage d'environ {n_candidates} pixels candidats dans {n_good} dalle(s) (chaque pixel valide avec la probabilité {probability:.4g})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="268" />
      <source>site [fit]: sample of {n_pooled} pixels from {n_names} tile(s) ({n_valid} valid pixels), {n_bands} bands</source>
      <translation>site [ajustement] : échantillon de {n_pooled} pixels issus de {n_names} dalle(s) ({n_valid} pixels valides), {n_bands} bandes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="160" />
      <source>site: running tiles on {description}</source>
      <translation>site : traitement des dalles {description}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="170" />
      <source>site: reusing the site model {mid} in {model_path} (same chain, parameters, SAMPLE_SIZE, SEED and tiles)</source>
      <translation>site : réutilisation du modèle de site {mid} de {model_path} (mêmes chaîne, paramètres, SAMPLE_SIZE, SEED et dalles)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="190" />
      <source>site: {n_mosaics} mosaic(s) of {n_complete} tile(s)</source>
      <translation>site : {n_mosaics} mosaïque(s) de {n_complete} dalle(s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="239" />
      <source>site [sample] {n}/{n_jobs} {name}: {n_sample} candidates of {n_valid} valid pixels ({seconds:.1f} s)</source>
      <translation>site [échantillon] {n}/{n_jobs} {name} : {n_sample} candidats sur {n_valid} pixels valides ({seconds:.1f} s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="252" />
      <source>INPUTS: {name}: its cleaned bands differ from the first tile's ({first}); process tiles of one spectral grid together</source>
      <translation>INPUTS : {name} : ses bandes nettoyées diffèrent de celles de la première dalle ({first}) ; traitez ensemble des dalles d'une même grille spectrale</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="265" />
      <source>site [fit]: note: {percent:.0f} % of the pixels are no-data, so the sample holds {n_pooled} pixels, fewer than SAMPLE_SIZE {sample_size}</source>
      <translation>site [ajustement] : remarque : {percent:.0f} % des pixels sont sans donnée, l'échantillon contient donc {n_pooled} pixels, moins que SAMPLE_SIZE {sample_size}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="322" />
      <source>site [apply] {n}/{n_jobs} {name}: done, {n_valid} valid pixels ({seconds:.1f} s)</source>
      <translation>site [application] {n}/{n_jobs} {name} : terminé, {n_valid} pixels valides ({seconds:.1f} s)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="236" />
      <source>site [sample] {n}/{n_jobs} {name}: FAILED: {reason}</source>
      <translation>site [échantillon] {n}/{n_jobs} {name} : ÉCHEC : {reason}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="309" />
      <source>site [apply] {name}: already complete for model {mid}, skipped</source>
      <translation>site [application] {name} : déjà complète pour le modèle {mid}, ignorée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="317" />
      <source>site [apply] {n}/{n_jobs} {name}: FAILED: {reason}</source>
      <translation>site [application] {n}/{n_jobs} {name} : ÉCHEC : {reason}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="135" />
      <source>INPUTS: {path}: {why}</source>
      <translation>INPUTS : {path} : {why}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="140" />
      <source>site: tile {name} FAILED: {exc}</source>
      <translation>site : dalle {name} en ÉCHEC : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="282" />
      <source>site [score range] {n}/{n_paths} {name}: FAILED: {reason}</source>
      <translation>site [étendue des scores] {n}/{n_paths} {name} : ÉCHEC : {reason}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/engine.py" line="286" />
      <source>site [score range] {n}/{n_paths} {name}: SID scores of {n_pixels} pixels</source>
      <translation>site [étendue des scores] {n}/{n_paths} {name} : scores SID de {n_pixels} pixels</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="196" />
      <source>site: no Python interpreter found for worker processes (set HYSPEC_PYTHON); using {workers} worker threads in this process instead (HDF5 reads then take turns)</source>
      <translation>site : aucun interpréteur Python trouvé pour les processus de calcul (définissez HYSPEC_PYTHON) ; utilisation de {workers} fils de calcul dans ce processus à la place (les lectures HDF5 se font alors à tour de rôle)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="253" />
      <source>the Dask scheduler at {address}</source>
      <translation>avec l'ordonnanceur Dask de {address}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="52" />
      <source>out of memory</source>
      <translation>mémoire insuffisante</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="54" />
      <source>the worker running it died (out of memory?): {exc}</source>
      <translation>le processus de calcul qui l'exécutait s'est arrêté (mémoire insuffisante ?) : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="72" />
      <source>in this process, one tile after another ({why})</source>
      <translation>dans ce processus, une dalle après l'autre ({why})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="73" />
      <source>in this process, one tile after another</source>
      <translation>dans ce processus, une dalle après l'autre</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="200" />
      <source>a local Dask cluster of {workers} threads</source>
      <translation>sur un cluster Dask local de {workers} fils d'exécution</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="212" />
      <source>a local Dask cluster of {workers} worker process(es) ({python})</source>
      <translation>sur un cluster Dask local de {workers} processus de calcul ({python})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="214" />
      <source>a local Dask cluster of {workers} worker process(es)</source>
      <translation>sur un cluster Dask local de {workers} processus de calcul</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="232" />
      <source>SCHEDULER: cannot reach a Dask scheduler at {address} ({exc})</source>
      <translation>SCHEDULER : impossible de joindre un ordonnanceur Dask à {address} ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="262" />
      <source>SCHEDULER: using a Dask scheduler needs the Python packages dask and distributed ({install})</source>
      <translation>SCHEDULER : utiliser un ordonnanceur Dask demande les paquets Python dask et distributed ({install})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="268" />
      <source>dask is not installed; for parallel runs: {install}</source>
      <translation>dask n'est pas installé ; pour des exécutions en parallèle : {install}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="237" />
      <source>SCHEDULER: no worker is connected to the scheduler at {address}; start some with 'dask worker {address}'</source>
      <translation>SCHEDULER : aucun worker n'est connecté à l'ordonnanceur de {address} ; démarrez-en avec 'dask worker {address}'</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="242" />
      <source>SCHEDULER: the client, scheduler and workers at {address} run different versions (install the same pinned ones everywhere: {install}): {exc}</source>
      <translation>SCHEDULER : le client, l'ordonnanceur et les workers de {address} ont des versions différentes (installez partout les mêmes versions figées : {install}) : {exc}</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/executors.py" line="248" />
      <source>SCHEDULER: a worker at {address} cannot import hyspec_qgis.core ({exc}); put the plugin folder's parent on the workers' PYTHONPATH</source>
      <translation>SCHEDULER : un worker de {address} ne peut pas importer hyspec_qgis.core ({exc}) ; ajoutez le dossier parent de l'extension au PYTHONPATH des workers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/mosaic.py" line="36" />
      <source>{path}: no tile raster to mosaic</source>
      <translation>{path} : aucun raster de dalle à assembler en mosaïque</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/mosaic.py" line="46" />
      <source>{path}: GDAL could not build the mosaic ({detail})</source>
      <translation>{path} : GDAL n'a pas pu construire la mosaïque ({detail})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tasks.py" line="101" />
      <source>INPUTS: {path}: every pixel is no-data</source>
      <translation>INPUTS : {path} : tous les pixels sont sans donnée</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tasks.py" line="112" />
      <source>INPUTS: {path}: the {chain} recipe keeps {n_keep} bands of this tile but {n_model} of the tiles the site model was fitted on; its spectral grid differs</source>
      <translation>INPUTS : {path} : la recette {chain} conserve {n_keep} bandes de cette dalle, mais {n_model} pour les dalles sur lesquelles le modèle de site a été ajusté ; sa grille spectrale diffère</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tasks.py" line="119" />
      <source>INPUTS: {path}: its wavelengths differ from the site model's by up to {worst:.3g} nm (more than half a band, {half:.3g} nm); process tiles of one spectral grid together</source>
      <translation>INPUTS : {path} : ses longueurs d'onde diffèrent de celles du modèle de site de {worst:.3g} nm au plus (plus d'une demi-bande, {half:.3g} nm) ; traitez ensemble des dalles d'une même grille spectrale</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tiles.py" line="42" />
      <source>{parameter}: no tile given (list NEON .h5 files, imported rasters or a folder of .h5)</source>
      <translation>{parameter} : aucune dalle fournie (indiquez des fichiers NEON .h5, des rasters importés ou un dossier de .h5)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tiles.py" line="48" />
      <source>{parameter}: {other} and {path} have the same name; each tile's outputs go to a folder named after it, so tile names must differ</source>
      <translation>{parameter} : {other} et {path} ont le même nom ; les sorties de chaque dalle vont dans un dossier qui porte son nom, les noms des dalles doivent donc différer</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tiles.py" line="169" />
      <source>{parameter}: {path}: cannot be read ({exc})</source>
      <translation>{parameter} : {path} : illisible ({exc})</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tiles.py" line="34" />
      <source>{parameter}: the folder {item} holds no .h5 file</source>
      <translation>{parameter} : le dossier {item} ne contient aucun fichier .h5</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/core/site/tiles.py" line="39" />
      <source>{parameter}: {item}: no such file or folder</source>
      <translation>{parameter} : {item} : fichier ou dossier introuvable</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Learned features</source>
      <translation>Caractéristiques apprises</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Cleaned reflectance -&gt; autoencoder (deephyp's MLP 50-30-latent, CSA loss, trained on a 200 000-pixel sample) -&gt; the latent features of every pixel -&gt; k-means on them: the clustering use of Windrim et al. (2019), 'Unsupervised feature-learning for hyperspectral data with autoencoders'. Needs PyTorch. The trained model is kept: apply it to other tiles with hyspec:encode.</source>
      <translation>Réflectance nettoyée -&gt; autoencodeur (le MLP 50-30-latent de deephyp, perte CSA, entraîné sur un échantillon de 200 000 pixels) -&gt; les caractéristiques latentes de chaque pixel -&gt; k-means sur celles-ci : l'usage en classification non supervisée de Windrim et al. (2019), 'Unsupervised feature-learning for hyperspectral data with autoencoders'. Nécessite PyTorch. Le modèle entraîné est conservé : appliquez-le à d'autres dalles avec hyspec:encode.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Number of k-means clusters.</source>
      <translation>Nombre de classes k-means.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Passes over the 200 000-pixel training sample (deephyp: 100; fewer is faster and coarser).</source>
      <translation>Passages sur l'échantillon d'entraînement de 200 000 pixels (deephyp : 100 ; moins, c'est plus rapide et plus grossier).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Number of learned features per pixel (deephyp: 10).</source>
      <translation>Nombre de caractéristiques apprises par pixel (deephyp : 10).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>A reflectance raster with wavelengths, cleaned of noisy bands (e.g. hyspec:cleanbands, endmember recipe).</source>
      <translation>Un raster de réflectance avec longueurs d'onde, débarrassé des bandes bruitées (p. ex. hyspec:cleanbands, recette des endmembers).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Training epochs</source>
      <translation>Époques d'entraînement</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Cluster centres (latent)</source>
      <translation>Centres des classes (latents)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>k-means classes</source>
      <translation>Classes k-means</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Training loss per epoch</source>
      <translation>Perte d'entraînement par époque</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Latent features of every pixel</source>
      <translation>Caractéristiques latentes de chaque pixel</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>k-means on the latent features</source>
      <translation>k-means sur les caractéristiques latentes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/learned_features_kmeans.model3" line="1" />
      <source>Train the autoencoder</source>
      <translation>Entraîner l'autoencodeur</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>NEON Data API -&gt; the reflectance tile that holds AREA (hyspec:downloadneon: checked, resumable) -&gt; import -&gt; clean bands (k-means recipe, 174 bands) -&gt; PCA (99.9 % of the variance) -&gt; k-means (5 clusters, 50 iterations): NEON's 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' tutorial from its first step (by_tile_aop). The token comes from the environment variable NEON_API_TOKEN (QGIS: Settings, Options, System, Environment). When AREA needs several tiles, all are downloaded and the chain runs on the first (make batch runs it on every tile of the folder).</source>
      <translation>NEON Data API -&gt; la dalle de réflectance qui contient AREA (hyspec:downloadneon : vérifiée, reprise possible) -&gt; import -&gt; nettoyage des bandes (recette k-means, 174 bandes) -&gt; ACP (99.9 % de la variance) -&gt; k-means (5 classes, 50 itérations) : le tutoriel NEON 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' dès sa première étape (by_tile_aop). Le jeton vient de la variable d'environnement NEON_API_TOKEN (QGIS : Préférences, Options, Système, Environnement). Quand AREA demande plusieurs dalles, toutes sont téléchargées et la chaîne s'exécute sur la première (make batch l'exécute sur chaque dalle du dossier).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>An extent in any CRS inside the tile to analyse (a point or a small box; the tutorial's tile is SERC 368000_4306000).</source>
      <translation>Une emprise, dans n'importe quel SCR, à l'intérieur de la dalle à analyser (un point ou un petit rectangle ; la dalle du tutoriel est SERC 368000_4306000).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Number of k-means clusters (the tutorial uses 5).</source>
      <translation>Nombre de classes k-means (le tutoriel en utilise 5).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>The four-letter NEON site code (the tutorial uses SERC).</source>
      <translation>Le code de site NEON à quatre lettres (le tutoriel utilise SERC).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>The flight year (the tutorial uses 2021).</source>
      <translation>L'année du vol (le tutoriel utilise 2021).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Area</source>
      <translation>Zone</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Downloaded tiles</source>
      <translation>Dalles téléchargées</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Cluster centres</source>
      <translation>Centres des classes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Clean bands (k-means recipe, 174 bands)</source>
      <translation>Nettoyage des bandes (recette k-means, 174 bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Download the NEON reflectance tile</source>
      <translation>Télécharger la dalle de réflectance NEON</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>Import NEON tile</source>
      <translation>Importer la dalle NEON</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>k-means on the components</source>
      <translation>k-means sur les composantes</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_download_kmeans_tutorial.model3" line="1" />
      <source>PCA</source>
      <translation>ACP</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_kmeans_pca_tutorial.model3" line="1" />
      <source>NEON tile -&gt; clean bands (k-means recipe: first 10, water windows, last 15, every 2nd band) -&gt; PCA (99.9 % of the variance) -&gt; k-means on the components (5 clusters, 50 iterations), as NEON's 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' tutorial and its challenge.</source>
      <translation>Dalle NEON -&gt; nettoyage des bandes (recette k-means : 10 premières, fenêtres de vapeur d'eau, 15 dernières, une bande sur 2) -&gt; ACP (99.9 % de la variance) -&gt; k-means sur les composantes (5 classes, 50 itérations), comme le tutoriel NEON 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' et son défi.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_kmeans_pca_tutorial.model3" line="1" />
      <source>A NEON AOP reflectance tile (DP3.30006.001 or .002) or flightline.</source>
      <translation>Une dalle (DP3.30006.001 ou .002) ou une ligne de vol de réflectance NEON AOP.</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_kmeans_pca_tutorial.model3" line="1" />
      <source>Keep the fewest principal components that explain this fraction of the variance (0.999).</source>
      <translation>Conserver le plus petit nombre de composantes principales qui expliquent cette fraction de la variance (0.999).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_kmeans_pca_tutorial.model3" line="1" />
      <source>Cleaned reflectance (k-means recipe)</source>
      <translation>Réflectance nettoyée (recette k-means)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_kmeans_pca_tutorial.model3" line="1" />
      <source>Eigenvalues</source>
      <translation>Valeurs propres</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_kmeans_pca_tutorial.model3" line="1" />
      <source>PCA variance fraction</source>
      <translation>Fraction de variance de l'ACP</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>NEON tile -&gt; clean bands (endmember recipe: water windows and last 10 bands) -&gt; N-FINDR (4 endmembers, ATGP start) -&gt; FCLS abundances -&gt; SID classification on endmembers 1, 3, 4 with the tutorial's relative thresholds 0.8, 0.3, 0.03, as NEON's 'Unsupervised spectral classification' tutorial (pysptools).</source>
      <translation>Dalle NEON -&gt; nettoyage des bandes (recette des endmembers : fenêtres de vapeur d'eau et 10 dernières bandes) -&gt; N-FINDR (4 endmembers, départ ATGP) -&gt; abondances FCLS -&gt; classification SID sur les endmembers 1, 3, 4 avec les seuils relatifs du tutoriel 0.8, 0.3, 0.03, comme le tutoriel NEON 'Unsupervised spectral classification' (pysptools).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>Number of N-FINDR endmembers (the tutorial uses 4; hyspec:endmembercount estimates it).</source>
      <translation>Nombre d'endmembers N-FINDR (le tutoriel en utilise 4 ; hyspec:endmembercount l'estime).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>Comma-separated 1-based endmember numbers to classify with SID (the tutorial's U[[0,2,3]] is 1,3,4).</source>
      <translation>Numéros des endmembers (à partir de 1), séparés par des virgules, à classer avec SID (le U[[0,2,3]] du tutoriel donne 1,3,4).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>One relative threshold per selected endmember (pysptools' meaning: a fraction of each class's score range).</source>
      <translation>Un seuil relatif par endmember sélectionné (au sens de pysptools : une fraction de l'étendue des scores de chaque classe).</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>Cleaned reflectance (endmember recipe)</source>
      <translation>Réflectance nettoyée (recette des endmembers)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>Endmembers</source>
      <translation>Endmembers</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>SID: endmembers to classify</source>
      <translation>SID : endmembers à classer</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>SID: relative thresholds</source>
      <translation>SID : seuils relatifs</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>FCLS abundances</source>
      <translation>Abondances FCLS</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>Clean bands (endmember recipe, 362 bands)</source>
      <translation>Nettoyage des bandes (recette des endmembers, 362 bandes)</translation>
    </message>
    <message>
      <location filename="hyspec_qgis/models/neon_unmixing_sid_tutorial.model3" line="1" />
      <source>SID classification</source>
      <translation>Classification SID</translation>
    </message>
  </context>
</TS>
