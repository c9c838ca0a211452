package io.steppewire.standin;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stored documents in the file encoded as BSON, the encoding the server already speaks with its clients. The stock
 * store leaves them to H2's generic type, which writes a document through Java serialization: every write of a page
 * serialized all of its documents that way and every read of an evicted page deserialized them, together about a
 * fifth of the local stack's CPU in a profile at 20 quotes/s. A value the BSON encoder refuses keeps the generic
 * encoding, behind its own tag, so nothing the stock store could write fails here.
 */
final class BsonDocuments extends BasicDataType<Document> {

    private static final byte BSON = 1;
    private static final byte GENERIC = 2;

    private final ObjectDataType generic = new ObjectDataType();

    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        writeTagged(buffer, document, out -> generic.write(out, document));
    }

    @Override
    public Document read(ByteBuffer buffer) {
        Document document = readTagged(buffer);
        return document != null ? document : (Document) generic.read(buffer);
    }

    /**
     * Writes the document as BSON behind its tag; when BSON cannot hold one of its values, {@code generic} writes the
     * original behind the generic tag instead.
     */
    static void writeTagged(WriteBuffer buffer, Document document, Consumer<WriteBuffer> generic) {
        ByteBuf encoded = Unpooled.buffer(256);
        try {
            try {
                BsonEncoder.encodeDocument(document, encoded);
            } catch (RuntimeException notBson) {
                buffer.put(GENERIC);
                generic.accept(buffer);
                return;
            }
            int length = encoded.readableBytes();
            buffer.put(BSON).putVarInt(length).put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
        } finally {
            encoded.release();
        }
    }

    /** Reads what {@link #writeTagged} wrote: the document, or null behind the generic tag, for the caller to read. */
    static @Nullable Document readTagged(ByteBuffer buffer) {
        if (buffer.get() == GENERIC) {
            return null;
        }
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /** Roughly what the document holds on the heap, for the store's cache accounting; walks it, encodes nothing. */
    static int estimate(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                int size = 64;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    size += 48 + estimate(entry.getKey()) + (entry.getValue() == null ? 0 : estimate(entry.getValue()));
                }
                yield size;
            }
            case Collection<?> values -> {
                int size = 40;
                for (Object element : values) {
                    size += 8 + (element == null ? 0 : estimate(element));
                }
                yield size;
            }
            case String text -> 48 + text.length();
            case byte[] bytes -> 16 + bytes.length;
            default -> 24;
        };
    }
}
