import type { Lexicon } from "./types.js";

/** Spanish. */
export const es: Lexicon = {
  language: "es",
  sections: {
    "supported-versions": [
      "versiones soportadas", "versiones compatibles", "versiones admitidas", "versiones con soporte",
      "versiones mantenidas", "soporte de versiones", "versiones", "versión",
    ],
    "response-timeline": [
      "tiempo de respuesta", "tiempos de respuesta", "plazos", "plazos de respuesta", "qué esperar", "cronograma",
      "proceso de respuesta", "respuesta",
    ],
    disclosure: ["divulgación", "divulgación responsable", "divulgación coordinada", "publicación", "avisos de seguridad"],
    "safe-harbor": ["puerto seguro", "buena fe", "aspectos legales"],
    scope: ["alcance", "fuera de alcance", "dentro del alcance", "ámbito"],
    pgp: ["cifrado", "clave pública"],
    contact: ["contacto", "contactos", "contacto de seguridad"],
    reporting: [
      "reportar", "reporte", "reportes", "informar", "notificar", "cómo reportar", "reportar una vulnerabilidad",
      "informar de una vulnerabilidad", "notificación",
    ],
  },
  supportedMarks: ["sí", "si", "soportada", "soportado", "compatible", "con soporte", "activa", "activo", "mantenida"],
  unsupportedMarks: ["no soportada", "no soportado", "sin soporte", "no compatible", "obsoleta", "obsoleto", "descontinuada", "fin de vida"],
  durationWords: { "el mismo día": { value: 1, unit: "day" } },
  units: {
    hour: ["hora", "horas"],
    day: ["día", "días", "dia", "dias"],
    week: ["semana", "semanas"],
    month: ["mes", "meses"],
  },
  workingDays: [],
  workingDaysAfter: ["hábiles", "habiles", "laborables", "laborales"],
  numbers: { un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, diez: 10, quince: 15, treinta: 30, noventa: 90 },
  rangeWords: ["a", "o"],
  promises: {
    acknowledge: ["acuse de recibo", "acusar recibo", "confirmar", "confirmaremos", "confirmación", "confirmacion", "recepción", "recepcion", "confirmamos", "acusamos recibo", "acusaremos recibo"],
    respond: ["responder", "responderemos", "respuesta", "contestar", "contestaremos", "primera respuesta", "respondemos", "contestamos", "te responderemos", "nos pondremos en contacto"],
    assess: ["evaluar", "evaluaremos", "evaluación", "evaluacion", "analizar", "análisis", "investigar", "validar", "triaje", "evaluamos", "analizamos", "analizaremos", "investigamos", "investigaremos"],
    update: ["informar", "informaremos", "progreso", "avances", "estado"],
    fix: ["corregir", "corrección", "solucionar", "solución", "parche", "arreglar", "remediar", "corregimos", "corregiremos", "solucionamos", "solucionaremos"],
    disclose: ["publicar", "publicaremos", "divulgar", "divulgación", "revelar", "publicamos", "divulgamos", "divulgaremos"],
  },
  severityWords: ["crítico", "crítica", "críticas", "severidad", "gravedad", "alta", "media", "baja"],
  generalContact: [],
  disclosure: ["divulgación coordinada", "divulgación responsable", "divulgación", "aviso de seguridad", "avisos de seguridad", "publicaremos un aviso"],
  disclosureMentions: ["divulgación responsable", "divulgación"],
  contrasts: ["en su lugar", "sino", "pero", "en cambio"],
  privateReporting: ["reporte privado", "reportar de forma privada", "informar de forma privada", "reporta de forma privada", "reporte de vulnerabilidades privado"],
  publicReporting: ["abrir un issue", "abre un issue", "crear un issue", "crea un issue", "issue público", "incidencia pública"],
  versionStatements: ["última", "últimas", "último", "más reciente", "todas las versiones", "solo la", "versión", "versiones"],
  lowerBoundsBefore: ["al menos", "más de", "mas de", "como mínimo", "mínimo de"],
  lowerBoundsAfter: ["o más", "como mínimo", "mínimo"],
  reportWords: [
    "reportar", "reporta", "repórtalo", "reportalo", "reporte", "informar", "informa", "notificar", "enviar", "envía", "envia",
    "vulnerabilidad", "vulnerabilidades",
  ],
  negations: ["no", "nunca", "evita", "evitá", "evite", "en lugar de"],
  templatePhrases: ["utiliza esta sección para", "usa esta sección para", "use esta sección para", "reemplace con", "reemplaza con", "reemplazar por", "tu correo aquí"],
  placeholderLabels: ["tudominio", "sudominio", "tuempresa", "suempresa", "tuproyecto", "tucorreo", "sucorreo", "micorreo"],
  standIns: ["correo electrónico", "tu correo", "tu correo electrónico", "su correo electrónico", "correo"],
};
