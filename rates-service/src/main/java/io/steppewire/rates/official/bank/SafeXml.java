package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bank's XML from its bytes, so that the parser follows the document's own encoding declaration
 * ({@code windows-1251} at the National Bank of the Kyrgyz Republic), with everything that lets a document reach beyond
 * itself switched off: no DOCTYPE at all (so no entity expansion, the "billion laughs"), no external entities, schemas
 * or stylesheets. The body was already bounded in size when it was read.
 */
final class SafeXml {

    private static final DocumentBuilderFactory FACTORY = factory();
    /** Throws what the parser finds instead of also printing it to stderr, as the default handler does. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // A warning does not stop the parse, and the document is judged by what it holds.
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    static Document parse(byte[] body, String bank) {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(QUIET);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new MalformedPublicationException("the answer is not XML as " + bank + " publishes it: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a feature it has always had", e);
        }
    }

    /** The child elements of that name, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The text of the first child element of that name, or absent when there is none. */
    static @Nullable String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst().getTextContent();
    }

    /** An attribute's value, or absent when the element has none. */
    static @Nullable String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    static Element root(Document document, String expected, String bank) {
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals(expected)) {
            throw new MalformedPublicationException("the answer's root element is <" + root.getTagName() + ">, not <"
                    + expected + "> as " + bank + " publishes it");
        }
        return root;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a feature it has always had", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    private SafeXml() {
    }
}
