package org.sersic4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Runs a {@link StampPartition} over one shard of a store and commits the shard's catalogue rows as one Parquet file,
 * {@code parts/<shard's file name>}: written under {@code parts/_attempts/} by each task attempt, then renamed into
 * place, so a part file is either absent or complete. The partition must hold the rows of exactly one shard (the
 * column {@value #SHARD} names each row's file); a retried or speculative attempt rewrites the same rows, since every
 * stamp's row is a function of the stamp alone.
 */
final class PartCommit implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;

    /** The column holding each stamp row's shard file. */
    static final String SHARD = "_shard";

    private final StampPartition work;
    private final String parts;
    private final Map<String, String> hadoop;

    /**
     * @param work   what turns stamps into catalogue rows
     * @param parts  the directory of committed part files
     * @param hadoop the Hadoop settings of the session (file systems, credentials), for the task's writer
     */
    PartCommit(StampPartition work, String parts, Configuration hadoop) {
        this.work = work;
        this.parts = parts;
        this.hadoop = new HashMap<>();
        for (Map.Entry<String, String> e : hadoop) this.hadoop.put(e.getKey(), e.getValue());
    }

    /** The name of a shard's part file: the shard file's own name. */
    static String partName(String shardUri) {
        return new Path(shardUri).getName();
    }

    @Override
    public void call(Iterator<Row> rows) throws IOException {
        if (!rows.hasNext()) return;
        Row first = rows.next();
        String shard = first.getString(first.fieldIndex(SHARD));
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        Path target = new Path(parts, partName(shard));
        FileSystem fs = target.getFileSystem(conf);
        if (fs.exists(target)) return;
        TaskContext tc = TaskContext.get();
        String attempt = tc == null ? Long.toString(System.nanoTime()) : tc.stageId() + "-" + tc.partitionId() + "-" + tc.taskAttemptId();
        Path tmp = new Path(new Path(parts, "_attempts"), partName(shard) + "." + attempt);
        Iterator<Row> results = work.call(new SameShard(first, rows, shard));
        MessageType schema = parquetSchema();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, conf)).withConf(conf)
                .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            while (results.hasNext()) w.write(group(groups, results.next()));
        }
        // the commit: a part file appears whole or not at all; an attempt that lost the race leaves the winner's
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            if (!fs.exists(target)) throw new IOException("cannot commit " + tmp + " as " + target);
        }
    }

    private static Group group(SimpleGroupFactory groups, Row r) {
        Group g = groups.newGroup();
        StructField[] f = StoreSchema.CATALOGUE.fields();
        for (int i = 0; i < f.length; i++) {
            if (r.isNullAt(i)) continue;
            Object v = r.get(i);
            if (f[i].dataType().equals(DataTypes.StringType)) g.append(f[i].name(), (String) v);
            else if (f[i].dataType().equals(DataTypes.LongType)) g.append(f[i].name(), ((Number) v).longValue());
            else g.append(f[i].name(), ((Number) v).doubleValue());
        }
        return g;
    }

    /** {@link StoreSchema#CATALOGUE} as a Parquet schema (every column optional, as Spark writes them). */
    static MessageType parquetSchema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : StoreSchema.CATALOGUE.fields()) {
            if (f.dataType().equals(DataTypes.StringType))
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
            else if (f.dataType().equals(DataTypes.LongType)) b.optional(PrimitiveTypeName.INT64).named(f.name());
            else b.optional(PrimitiveTypeName.DOUBLE).named(f.name());
        }
        return b.named("catalogue");
    }

    /** The partition's rows, each checked to come from the first row's shard. */
    private static final class SameShard implements Iterator<Row> {
        private Row pending;
        private final Iterator<Row> rest;
        private final String shard;

        SameShard(Row first, Iterator<Row> rest, String shard) {
            this.pending = first;
            this.rest = rest;
            this.shard = shard;
        }

        @Override
        public boolean hasNext() {
            return pending != null || rest.hasNext();
        }

        @Override
        public Row next() {
            Row r;
            if (pending != null) {
                r = pending;
                pending = null;
            } else {
                if (!rest.hasNext()) throw new NoSuchElementException();
                r = rest.next();
            }
            String s = r.getString(r.fieldIndex(SHARD));
            if (!shard.equals(s))
                throw new UncheckedIOException(new IOException("a task was given rows of two shards (" + shard + ", " + s
                        + "): the session must read one file per partition"));
            return r;
        }
    }
}
