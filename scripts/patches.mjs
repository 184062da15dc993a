// An esbuild plugin, used by every build (scripts/build.mjs, scripts/build-playground.mjs), that edits
// nine dependency files as they are bundled.
//
// 1. The parser: mdast-util-from-markdown builds its parser and compiler once per set of extensions
// instead of once per document. `fromMarkdown(text, options)` calls micromark's `parse(options)`, which merges every syntax
// extension into one table (`combineExtensions`), and its own `compiler(options)`, which builds a table
// of about 150 handlers. Both tables depend only on the extensions; per document they cost a bulk run
// about a twentieth of its main thread, and the compiler's factory, called once per file, was hot enough
// for V8 to spend about a second of a 2,000-file run optimising it on a background thread.
//
// The patch, in two files:
// - micromark's `parse` keeps the merged table of each extensions array (the linter passes the same
//   array every time: src/policy/text/parse.ts) and still makes a new parser object per document, so
//   what a document leaves on its parser (definitions, lazy lines, the footnote extension's
//   `gfmFootnotes`) never reaches the next. The merged table is only read while parsing.
// - mdast-util-from-markdown's `fromMarkdown` keeps one compiler per options object, and the state its
//   handlers share while compiling one document (`data`) becomes a new object per document instead of one
//   per compiler. The handler table is only read.
// - The compiler called each token's handler with a new object per token (the document's context spread
//   into a copy, plus the token's `sliceSerialize`): the largest allocation of a bulk run; the copies and
//   the collections they caused were about a sixth of its time. The patched build calls every
//   handler with the document's one context object and sets its `sliceSerialize` before each call. No
//   handler of the library or the GFM extensions assigns to `this`, keeps it, or reads
//   `sliceSerialize` after returning, so each sees what the copy gave it.
// - micromark's tokenizer built a new array of the constructs to try at every attempt (those of the
//   character, then those of any character). The patched build makes each list once per merged table
//   and character code and only reads it, as the tokenizer did.
// - micromark's character classes (`asciiAlpha`, `unicodePunctuation`, ...) ran a regular expression on a
//   one-character string for every character they were asked about. The patched build keeps the answer
//   for each ASCII code once the expression has given it, and asks the expression for the others.
// - The GFM table extension rebuilt a document's events with a `for...of` loop, which the interpreter
//   (all a short run has) runs with an iterator result object per event; the patched build uses an index.
// Everything else is the library's own code. tests/parse-patch.test.ts parses every fixture and corpus
// file with the patched bundle, one after another, and compares the trees with the unpatched library's.
//
// 2. GFM autolink literals: micromark tried an email literal at the start of every word (and a `www.` or
// `http(s):` literal at every word starting with w or h), and each try stored the tokenizer's state,
// consumed the word, failed and replayed it: about a quarter of a cold parse. Whether a literal can start
// at a character is decided there by the construct's `previous` function, which sees only the character
// before. The patched build also lets it look ahead in the current text chunk (a method micromark's
// tokenizer gains, `secpolicyMaybe`) and say no where the try could only fail: an email where the run of
// address characters is not followed by `@`, `www` where `www.` does not follow, a protocol where neither
// `http:` nor `https:` does (case-insensitively, as the tokenizers compare). Where the chunk ends first, or
// the position is not plain text, it says yes and the try runs as before. A try that is skipped would have
// failed having changed nothing but where one `data` token ends and the next begins, and micromark's text
// resolver merges adjacent data tokens: the tree is the same.
//
// 3. micromark's named character references (`&copy;`) are looked up in character-entities, an object of
// 2,125 names that was built at every start-up. The patched build builds it on the first reference
// (decode-named-character-reference `require`s it then); most policies have none.
//
// 4. unist-util-visit-parents, which the GFM autolink pass walks the tree with (twice per document),
// gives the closure it makes for each node a descriptive name for stack traces (`node (paragraph)`,
// with terminal colours): a string built and a property defined per node per walk, most of the walk's
// time. The patched build leaves the closures unnamed; nothing reads the name but a stack trace.
//
// 5. fdir (the directory crawler under tinyglobby, which expands quoted glob patterns) tries, when it is
// loaded, to find and load picomatch from node_modules for a glob method tinyglobby never calls: a
// search of the disk at every start-up (and, in a development checkout, a few milliseconds loading it).
// The patched build leaves that glob method without a matcher, as when picomatch is not installed.
//
// Each source is matched exactly: a version of a library whose text differs fails the build rather
// than being patched wrongly.
import { readFile } from "node:fs/promises";

/** Per file: [what the library says, what the patched build says]; each must occur exactly once. */
const PATCHES = [
  {
    file: /[\\/]micromark[\\/]lib[\\/]parse\.js$/,
    edits: [
      [
        "  const constructs = /** @type {FullNormalizedExtension} */\n  combineExtensions([defaultConstructs, ...(settings.extensions || [])]);",
        `  const constructs = settings.extensions ? secpolicyCombined(settings.extensions) : combineExtensions([defaultConstructs]);`,
      ],
      [
        "export function parse(options) {",
        `/** The merged constructs of each extensions array (secpolicy-lint's build, scripts/patches.mjs). */
const secpolicyMerged = new WeakMap();
function secpolicyCombined(extensions) {
  let merged = secpolicyMerged.get(extensions);
  if (!merged) {
    merged = combineExtensions([defaultConstructs, ...extensions]);
    secpolicyMerged.set(extensions, merged);
  }
  return merged;
}
export function parse(options) {`,
      ],
    ],
  },
  {
    file: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/,
    edits: [
      [
        "  return compiler(options)(postprocess(parse(options).document().write(preprocess()(value, encoding, true))));\n}",
        `  let compile = options ? secpolicyCompilers.get(options) : undefined;
  if (!compile) {
    compile = compiler(options);
    if (options) secpolicyCompilers.set(options, compile);
  }
  return compile(postprocess(parse(options).document().write(preprocess()(value, encoding, true))));
}

/** The compiler of each options object (secpolicy-lint's build, scripts/patches.mjs). */
const secpolicyCompilers = new WeakMap();`,
      ],
      [
        "      resume,\n      data\n    };",
        "      resume,\n      // A new object per document (secpolicy-lint's build): the compiler is reused.\n      data: {},\n      sliceSerialize: undefined\n    };",
      ],
      [
        `        // Note: spread first, V8 has optimizations for object shape cloning.
        handler[events[index][1].type].call({
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);`,
        `        // secpolicy-lint's build: the document's one context, its sliceSerialize set for each event.
        context.sliceSerialize = events[index][2].sliceSerialize;
        handler[events[index][1].type].call(context, events[index][1]);`,
      ],
      ["  /** @type {CompileData} */\n  const data = {};\n  return compile;", "  return compile;"],
    ],
  },
  {
    file: /[\\/]micromark[\\/]lib[\\/]create-tokenizer\.js$/,
    edits: [
      [
        `          const left = code !== null && map[code];
          const all = code !== null && map.null;
          const list = [
          // To do: add more extension tests.
          /* c8 ignore next 2 */
          ...(Array.isArray(left) ? left : left ? [left] : []), ...(Array.isArray(all) ? all : all ? [all] : [])];
          return handleListOfConstructs(list)(code);`,
        `          // secpolicy-lint's build (scripts/patches.mjs): the list of each map and code made once.
          return handleListOfConstructs(secpolicyConstructList(map, code))(code);`,
      ],
      [
        "export function createTokenizer(",
        `/** The constructs to try for \`code\` in \`map\` (its own, then those for any code), by map and code: built once, only read. */
const secpolicyLists = new WeakMap();
function secpolicyConstructList(map, code) {
  let lists = secpolicyLists.get(map);
  if (lists === undefined) {
    lists = new Map();
    secpolicyLists.set(map, lists);
  }
  let list = lists.get(code);
  if (list === undefined) {
    const left = code !== null && map[code];
    const all = code !== null && map.null;
    list = [...(Array.isArray(left) ? left : left ? [left] : []), ...(Array.isArray(all) ? all : all ? [all] : [])];
    lists.set(code, list);
  }
  return list;
}
export function createTokenizer(`,
      ],
      [
        "    sliceStream,\n    write\n  };",
        `    sliceStream,
    write,
    secpolicyMaybe
  };

  /**
   * secpolicy-lint's build (scripts/patches.mjs): whether \`test\`, given the current string chunk and the
   * index of the current code in it, leaves a construct possible. Yes wherever the current code is not
   * plain text of a string chunk.
   */
  function secpolicyMaybe(test) {
    const chunk = chunks[point._index];
    return typeof chunk !== 'string' || point._bufferIndex < 0 || chunk.charCodeAt(point._bufferIndex) !== expectedCode || test(chunk, point._bufferIndex);
  }`,
      ],
    ],
  },
  {
    file: /[\\/]micromark-extension-gfm-autolink-literal[\\/]lib[\\/]syntax\.js$/,
    edits: [
      [
        "function previousWww(code) {\n  return code === null || code === 40 || code === 42 || code === 95 || code === 91 || code === 93 || code === 126 || markdownLineEndingOrSpace(code);\n}",
        `function previousWww(code) {
  return (code === null || code === 40 || code === 42 || code === 95 || code === 91 || code === 93 || code === 126 || markdownLineEndingOrSpace(code)) && secpolicyMaybe(this, secpolicyWwwAhead);
}

// secpolicy-lint's build (scripts/patches.mjs): a literal is tried only where the text ahead allows it.
/** Whether \`test\` leaves a literal possible at the current code; yes for a context without the method. */
function secpolicyMaybe(context, test) {
  return !context || typeof context.secpolicyMaybe !== 'function' || context.secpolicyMaybe(test);
}
/** Whether \`www.\` (any case) can start at \`index\`: no only on a character that differs. */
function secpolicyWwwAhead(chunk, index) {
  for (let k = 0; k < 4; k++) {
    if (index + k >= chunk.length) return true;
    const c = chunk.charCodeAt(index + k);
    if (k < 3 ? (c | 32) !== 119 : c !== 46) return false;
  }
  return true;
}
/** Whether \`http:\` or \`https:\` (any case) can start at \`index\`. */
function secpolicyProtocolAhead(chunk, index) {
  for (let k = 0; k < 4; k++) {
    if (index + k >= chunk.length) return true;
    if ((chunk.charCodeAt(index + k) | 32) !== 'http'.charCodeAt(k)) return false;
  }
  let next = index + 4;
  if (next < chunk.length && (chunk.charCodeAt(next) | 32) === 115) next++;
  return next >= chunk.length || chunk.charCodeAt(next) === 58;
}
/** Whether the run of address characters at \`index\` is followed by \`@\` (or by the chunk's end). */
function secpolicyEmailAhead(chunk, index) {
  let i = index;
  while (i < chunk.length && gfmAtext(chunk.charCodeAt(i))) i++;
  return i >= chunk.length || chunk.charCodeAt(i) === 64;
}`,
      ],
      [
        "function previousProtocol(code) {\n  return !asciiAlpha(code);\n}",
        "function previousProtocol(code) {\n  return !asciiAlpha(code) && secpolicyMaybe(this, secpolicyProtocolAhead);\n}",
      ],
      [
        "  return !(code === 47 || gfmAtext(code));\n}",
        "  return !(code === 47 || gfmAtext(code)) && secpolicyMaybe(this, secpolicyEmailAhead);\n}",
      ],
    ],
  },
  {
    file: /[\\/]micromark-extension-gfm-table[\\/]lib[\\/]edit-map\.js$/,
    edits: [
      [
        "      for (const element of slice) {\n        events.push(element);\n      }",
        "      // secpolicy-lint's build (scripts/patches.mjs): an index, not an iterator object per event.\n      for (let i = 0; i < slice.length; i++) events.push(slice[i]);",
      ],
    ],
  },
  {
    file: /[\\/]micromark-util-character[\\/]index\.js$/,
    edits: [
      [
        "function regexCheck(regex) {\n  return check;",
        `function regexCheck(regex) {
  // secpolicy-lint's build (scripts/patches.mjs): the answer for each ASCII code, kept once found.
  const ascii = new Int8Array(128);
  return check;`,
      ],
      [
        "    return code !== null && code > -1 && regex.test(String.fromCharCode(code));",
        `    if (code === null || code < 0) return false;
    if (code < 128) {
      let known = ascii[code];
      if (known === 0) ascii[code] = known = regex.test(String.fromCharCode(code)) ? 2 : 1;
      return known === 2;
    }
    return regex.test(String.fromCharCode(code));`,
      ],
    ],
  },
  {
    file: /[\\/]decode-named-character-reference[\\/]index\.js$/,
    edits: [
      [
        "import {characterEntities} from 'character-entities'",
        "// secpolicy-lint's build (scripts/patches.mjs): the table of 2,125 names is built on first use.\nlet secpolicyEntities",
      ],
      [
        "  return own.call(characterEntities, value) ? characterEntities[value] : false",
        "  const characterEntities = (secpolicyEntities ??= require('character-entities').characterEntities)\n  return own.call(characterEntities, value) ? characterEntities[value] : false",
      ],
    ],
  },
  {
    file: /[\\/]unist-util-visit-parents[\\/]lib[\\/]index\.js$/,
    edits: [
      [
        `    if (typeof value.type === 'string') {
      const name =
        // \`hast\`
        typeof value.tagName === 'string'
          ? value.tagName
          : // \`xast\`
            typeof value.name === 'string'
            ? value.name
            : undefined

      Object.defineProperty(visit, 'name', {
        value:
          'node (' + color(node.type + (name ? '<' + name + '>' : '')) + ')'
      })
    }
`,
        "    // secpolicy-lint's build (scripts/patches.mjs): no per-node function name for stack traces.\n",
      ],
    ],
  },
  {
    file: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/,
    edits: [
      [
        'try {\n\t__require.resolve("picomatch");\n\tpm = __require("picomatch");\n} catch {}',
        "// secpolicy-lint's build (scripts/patches.mjs): no picomatch; tinyglobby gives fdir its own filters.",
      ],
    ],
  },
];

export const patches = {
  name: "patches",
  setup(b) {
    for (const { file, edits } of PATCHES)
      b.onLoad({ filter: file }, async (args) => {
        let text = await readFile(args.path, "utf8");
        for (const [from, to] of edits) {
          const at = text.indexOf(from);
          if (at === -1 || text.indexOf(from, at + 1) !== -1)
            throw new Error(
              `patches: ${args.path} does not contain exactly one ${JSON.stringify(from.slice(0, 60))}…; update scripts/patches.mjs`,
            );
          text = text.slice(0, at) + to + text.slice(at + from.length);
        }
        return { contents: text, loader: "js" };
      });
  },
};
