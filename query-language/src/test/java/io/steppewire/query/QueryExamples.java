package io.steppewire.query;

import java.util.List;

/**
 * Sample articles and queries with the articles each query selects, shared by the services' tests: notify-service's
 * subscription matcher and article-service's search must both select exactly these. The words queried stand in the
 * articles as written, since article-service also finds other forms of a word ("dams" for "dam") and notify-service
 * does not.
 */
public final class QueryExamples {

    /** An article: an id, its title and its paragraphs. */
    public record Article(String id, String title, List<String> paragraphs) {
    }

    /** A query and the ids of the articles it selects, in any order. */
    public record Example(String query, List<String> selects) {
    }

    public static final List<Article> ARTICLES = List.of(
            new Article("kz-solar", "Solar park opens near Almaty",
                    List.of("The new solar park feeds the grid of southern Kazakhstan.", "Coal plants stay in reserve.")),
            new Article("tj-hydro", "Rogun dam reaches a new height",
                    List.of("Hydropower from the Rogun dam will be exported.", "No coal is burned at the site.")),
            new Article("uz-wind", "Wind farm contract signed in Navoi",
                    List.of("The wind farm is built by a foreign investor; the grid operator agreed to buy its power.")),
            new Article("kg-gold", "Gold mine strike ends",
                    List.of("Workers at Kumtor return to work after the strike.", "Oil prices were not discussed.")),
            new Article("kz-oil", "Oil and gas output rises",
                    List.of("Kazakhstan pumped more oil; gas exports to China grew.", "Solar energy remains small.")));

    public static final List<Example> EXAMPLES = List.of(
            new Example("solar", List.of("kz-solar", "kz-oil")),
            new Example("solar OR wind", List.of("kz-solar", "uz-wind", "kz-oil")),
            new Example("solar AND NOT coal", List.of("kz-oil")),
            new Example("solar NOT coal", List.of("kz-oil")),
            new Example("\"solar park\"", List.of("kz-solar")),
            new Example("Solar-Park", List.of("kz-solar")),
            new Example("coal OR (wind AND grid)", List.of("kz-solar", "tj-hydro", "uz-wind")),
            new Example("(rogun OR kumtor) NOT strike", List.of("tj-hydro")),
            new Example("oil AND gas", List.of("kz-oil")),
            new Example("oil and gas", List.of("kz-oil")),
            new Example("oil OR gold NOT (strike OR china)", List.of("kg-gold", "kz-oil")),
            new Example("(oil OR gold) NOT (strike OR china)", List.of()),
            new Example("grid NOT (coal OR investor)", List.of()),
            new Example("\"grid operator\" OR \"rogun dam\"", List.of("tj-hydro", "uz-wind")),
            new Example("\"southern kazakhstan coal\"", List.of()),
            new Example("the AND gold", List.of("kg-gold")),
            new Example("kazakhstan NOT (NOT oil)", List.of("kz-oil")));

    private QueryExamples() {
    }
}
