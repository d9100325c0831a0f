/**
 * The browser side of the playground, served as /playground/assets/playground.js: GraphiQL
 * against our endpoint, with a picker that loads one of docs/examples into the editor.
 * Plain ES2017 over the React and GraphiQL globals, so it needs no bundler.
 */
export const PLAYGROUND_SCRIPT = String.raw`(function () {
  'use strict';
  var h = React.createElement;
  var root = document.getElementById('root');
  var endpoint = root.getAttribute('data-endpoint');
  var examples = JSON.parse(document.getElementById('cg-examples').textContent);
  var fetcher = GraphiQL.createFetcher({ url: endpoint });

  function ExamplePicker(props) {
    return h(
      'label',
      { className: 'cg-picker' },
      'Examples ',
      h(
        'select',
        {
          'aria-label': 'Examples',
          value: '',
          onChange: function (event) {
            var chosen = examples.filter(function (e) { return e.name === event.target.value; })[0];
            if (chosen) props.onPick(chosen.query);
          },
        },
        [h('option', { key: '', value: '' }, 'Pick a ready-made query…')].concat(
          examples.map(function (e) { return h('option', { key: e.name, value: e.name }, e.title); })
        )
      )
    );
  }

  /** The name of a document's first operation; GraphiQL keeps the previous one after a programmatic change. */
  function operationNameOf(query) {
    var match = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(query);
    return match ? match[1] : undefined;
  }

  function App() {
    var state = React.useState({ query: undefined, picked: undefined });
    var query = state[0].query;
    var picked = state[0].picked;
    var setState = state[1];
    function pick(example) {
      setState({ query: example, picked: example });
    }
    function edit(value) {
      setState(function (prev) { return { query: value, picked: value === prev.picked ? prev.picked : undefined }; });
    }
    return h(
      'div',
      { className: 'cg-app' },
      h(
        'header',
        { className: 'cg-bar' },
        h('strong', null, 'careergraph'),
        h(ExamplePicker, { onPick: pick }),
        h('span', { className: 'cg-hint' }, 'Run with ▶ or Ctrl-Enter · schema docs: the book icon')
      ),
      h(
        'div',
        { className: 'cg-graphiql' },
        h(GraphiQL, {
          fetcher: fetcher,
          query: query,
          onEditQuery: edit,
          operationName: picked ? operationNameOf(picked) : undefined,
          defaultQuery: examples.length ? examples[0].query : undefined,
          defaultEditorToolsVisibility: false,
        })
      )
    );
  }

  ReactDOM.createRoot(root).render(h(App));
})();
`;
