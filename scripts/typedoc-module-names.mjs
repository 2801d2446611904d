// TypeDoc plugin: names each entry point's module after its import specifier
// ("core/src/testing" → "@ledgerline/core/testing") instead of its path in the repository.
import { Converter } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.children ?? []) {
      const match = /^([^/]+)\/src(?:\/(.+?))?(?:\/index)?$/.exec(module.name);
      if (match) module.name = `@ledgerline/${match[1]}${match[2] ? `/${match[2]}` : ""}`;
    }
  });
}
